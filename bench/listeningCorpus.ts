// A deterministic stand-in for the Bluesky firehose and for the listening queries of many
// workspaces, for the listening benchmark: Jetstream-shaped post events (JSON strings) in English,
// Bengali and a mix of both, and query trees drawn from the same vocabularies. Word frequencies follow
// Zipf's law, post lengths are mostly short with a tail up to 300 characters, and some posts carry
// hashtags, mentions, links, emoji and common two-word phrases, so queries match a realistic share.
import { normaliseText } from '../src/core/listening/normalise.ts';
import type { FilterNode, QueryNode, TermNode } from '../src/core/listening/queryAst.ts';

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_FUNCTION = `the a an and or but of to in on at for with from by about as into like through after over
between out up down off than then so if when while because before under again once here there where why how
all any both each few more most other some such no nor not only own same too very can will just should now
i me my we our you your he him his she her it its they them their what which who whom this that these those am is
are was were be been being have has had do does did doing would could might must shall may get got let`.split(
  /\s+/,
);

const EN_NOUNS =
  `time year people way day man woman child world life hand part place case week company system program
question work government number night point home water room mother area money story fact month lot right study
book eye job word business issue side kind head house service friend father power hour game line end member law car
city community name president team minute idea kid body information back parent face others level office door
health person art war history party result change morning reason research girl guy moment air teacher force
education foot boy age policy music market sense nation plan college interest death experience effect class
control care field development role effort rate heart drug show leader light voice wife police mind price report
decision son view relationship town road arm difference value building action model season society tax director
position player record paper space ground form event official matter center couple site project activity star
table need court oil situation cost industry figure street image phone data picture practice piece land product
doctor wall patient worker news test movie north love support technology step baby computer type attention film
tree source organization hair window evidence population site truth rain river bridge village farmer rice fish
tea coffee mango lassi curry biryani festival holiday monsoon storm flood cyclone heat summer winter spring
cricket match stadium captain bowler batsman wicket innings trophy tournament goal football league fan ticket
election vote campaign minister parliament budget inflation economy bank loan salary factory garment export
import shipment port harbour airport flight train bus traffic rickshaw metro station highway ferry boat launch
phone app software startup internet network website platform server cloud update release feature bug laptop
camera battery charger screen video photo podcast channel stream post thread follower comment reply hashtag
song album concert singer band guitar drama actor actress director cinema theatre poem poet novel writer
library museum school university student exam result teacher lecture class hospital clinic medicine vaccine
virus fever doctor nurse ambulance market shop mall restaurant kitchen recipe dinner lunch breakfast snack
sweet dessert sugar salt spice chili onion garlic potato tomato lentil bread egg chicken beef mutton prawn
hilsa river ocean beach island forest tiger deer bird crow garden flower rose lotus jasmine sky cloud moon
sun star planet climate pollution plastic waste energy solar power electricity gas fuel petrol price protest
strike rally march speech debate interview press journalist newspaper magazine editor article headline
rumour scandal court judge lawyer case verdict prison crime thief robbery accident fire smoke rescue relief
donation charity volunteer neighbour family cousin uncle aunt grandmother grandfather wedding bride groom
ceremony gift party birthday anniversary dress saree shirt shoe bag jewellery gold silver diamond watch
ring painting drawing craft design fashion model brand logo advert campaign sale discount offer deal
customer seller buyer delivery courier parcel package order refund complaint review rating quality
problem solution answer question idea plan goal dream hope fear anger joy peace freedom justice
right duty rule law order chaos crowd queue line ticket pass visa passport border embassy tourist
hotel resort guest host journey trip tour map guide route distance mile kilometre hour minute second`.split(
    /\s+/,
  );

const EN_VERBS =
  `say make go know take see come think look want give use find tell ask work seem feel try leave call
keep provide hold turn follow begin bring show hear play run move live believe happen write sit stand lose
pay meet include continue set learn lead understand watch stop create speak read spend grow open walk win
offer remember consider appear buy wait serve die send expect build stay fall cut reach kill remain suggest
raise pass sell require report decide pull return explain hope develop carry break receive agree support
hit produce eat cover catch draw choose cook travel visit share post like follow block mute vote protest
celebrate launch announce release update download upload stream record sing dance paint teach study clean
wash fix repair drive ride fly sail swim climb jump cry laugh smile shout whisper complain praise thank
miss love hate enjoy prefer worry wonder plan book order deliver charge print scan test check join quit`.split(
    /\s+/,
  );

const EN_ADJECTIVES =
  `good new first last long great little own other old right big high different small large next
early young important few public bad same able late hard major better economic strong possible whole free
military true federal international full special easy clear recent certain personal open red difficult
available likely short single medical current wrong private past foreign fine common poor natural
significant similar hot dead central happy serious ready simple left physical general environmental
financial blue democratic dark various entire close legal religious cold final main green nice huge
popular traditional cultural beautiful amazing terrible awful wonderful delicious spicy sweet sour bitter
fresh rotten cheap expensive busy quiet loud crowded empty heavy light bright dull funny sad angry calm
brave lazy smart clever silly proud shy kind rude polite honest famous local national global digital
online offline viral rainy sunny humid windy stormy dusty muddy green yellow orange purple golden`.split(
    /\s+/,
  );

const EN_NAMES =
  `dhaka chittagong sylhet khulna rajshahi barisal rangpur mymensingh comilla cox narayanganj gazipur
kolkata delhi mumbai london newyork toronto dubai singapore tokyo sydney padma meghna jamuna buriganga
sundarbans teknaf bandarban sajek kuakata srimangal kolorob grameen brac bkash nagad
pathao foodpanda daraz chaldal shajgoj walton pran akij bashundhara aarong yellow ecstasy richman
shakib tamim mushfiq mashrafe mustafiz liton taskin mehidy tagore nazrul jibanananda humayun satyajit
ritwik runa sabina ayub bappa chirkutt shironamhin artcell warfaze aurthohin minar arnob anusheh
tigers abahani mohammedan kingsbengal comilla victorians rangers zomato uber netflix spotify youtube
instagram facebook tiktok whatsapp telegram android iphone samsung xiaomi realme huawei tesla openai`.split(
    /\s+/,
  );

const BN_FUNCTION = `আমি আমরা তুমি তোমরা আপনি আপনারা সে তারা এই ওই সেই যে কে কী কি কেন কোথায় কখন কীভাবে কত
এবং ও আর কিন্তু তবে বা অথবা যদি তাহলে কারণ তাই তবুও না নয় নেই আছে ছিল হবে হয় হলো হয়েছে করে থেকে দিয়ে জন্য
মধ্যে সাথে সঙ্গে পর আগে পরে উপর নিচে কাছে দূরে এখন তখন আজ কাল পরশু সব অনেক কিছু একটু খুব বেশি কম
আমার আমাদের তোমার তোমাদের আপনার তার তাদের এর ওর এটা ওটা সেটা এখানে ওখানে সেখানে হ্যাঁ`.split(/\s+/);

const BN_NOUNS = `মানুষ দেশ শহর গ্রাম নদী পানি জল খাবার ভাত মাছ ডাল রুটি চা কফি আম কাঁঠাল লিচু কলা পেয়ারা
ইলিশ রুই চিংড়ি মাংস ডিম মুরগি বিরিয়ানি খিচুড়ি পিঠা মিষ্টি রসগোল্লা সন্দেশ দই লাচ্ছি ফুচকা চটপটি
বাজার দোকান দাম টাকা পয়সা ব্যাংক ঋণ বেতন চাকরি অফিস কারখানা পোশাক শ্রমিক মালিক ব্যবসা ব্যবসায়ী
সরকার মন্ত্রী সংসদ নির্বাচন ভোট দল রাজনীতি নেতা কর্মী মিছিল সমাবেশ হরতাল আন্দোলন দাবি আইন আদালত
বিচার বিচারক পুলিশ মামলা অপরাধ চোর ডাকাত দুর্ঘটনা আগুন ধোঁয়া উদ্ধার ত্রাণ বন্যা ঘূর্ণিঝড় বৃষ্টি রোদ
গরম শীত বর্ষা বসন্ত শরৎ হেমন্ত আকাশ মেঘ চাঁদ সূর্য তারা বাতাস ঝড় বজ্র সমুদ্র সৈকত পাহাড় বন জঙ্গল বাঘ
হরিণ পাখি কাক ফুল গোলাপ শাপলা জুঁই বাগান গাছ পাতা মাটি ধান চাষ কৃষক ফসল সার বীজ গরু ছাগল হাঁস
স্কুল কলেজ বিশ্ববিদ্যালয় ছাত্র ছাত্রী শিক্ষক শিক্ষা পরীক্ষা ফলাফল বই খাতা কলম পড়া লেখা গ্রন্থাগার
হাসপাতাল ডাক্তার নার্স ওষুধ রোগ জ্বর টিকা স্বাস্থ্য চিকিৎসা রোগী অ্যাম্বুলেন্স মা বাবা ভাই বোন ছেলে মেয়ে
স্বামী স্ত্রী দাদা দাদি নানা নানি চাচা চাচি মামা মামি খালা ফুপু বন্ধু প্রতিবেশী পরিবার বিয়ে বর কনে
উৎসব ঈদ পূজা বৈশাখ নববর্ষ বইমেলা মেলা গান কবিতা গল্প উপন্যাস নাটক সিনেমা ছবি অভিনেতা অভিনেত্রী
শিল্পী গায়ক গায়িকা সুর তাল ব্যান্ড কনসার্ট মঞ্চ দর্শক খেলা ক্রিকেট ফুটবল মাঠ দল অধিনায়ক ম্যাচ
উইকেট রান ছক্কা চার বোলার ব্যাটসম্যান জয় পরাজয় কাপ টুর্নামেন্ট সমর্থক টিকিট রাস্তা সেতু যানজট বাস
ট্রেন লঞ্চ নৌকা রিকশা গাড়ি বিমান স্টেশন বন্দর বিমানবন্দর যাত্রী ভাড়া মোবাইল ফোন ইন্টারনেট অ্যাপ
কম্পিউটার ল্যাপটপ ভিডিও খবর সংবাদ পত্রিকা সাংবাদিক প্রতিবেদন শিরোনাম মন্তব্য পোস্ট বিদ্যুৎ গ্যাস তেল
জ্বালানি দূষণ প্লাস্টিক বর্জ্য পরিবেশ জলবায়ু সকাল দুপুর বিকেল সন্ধ্যা রাত দিন সপ্তাহ মাস বছর সময়
ভাষা মাতৃভাষা স্বাধীনতা মুক্তিযুদ্ধ শহীদ বিজয় পতাকা ইতিহাস সংস্কৃতি ঐতিহ্য ধর্ম মসজিদ মন্দির গির্জা
স্বপ্ন আশা ভয় রাগ আনন্দ দুঃখ ভালোবাসা শান্তি সমস্যা সমাধান প্রশ্ন উত্তর কাজ পরিকল্পনা লক্ষ্য
ঘর বাড়ি দরজা জানালা রান্না রান্নাঘর থালা গ্লাস পোশাক শাড়ি লুঙ্গি পাঞ্জাবি জুতা ব্যাগ গয়না সোনা রুপা`.split(/\s+/);

const BN_ADJECTIVES = `ভালো খারাপ সুন্দর নতুন পুরনো বড় ছোট লম্বা উঁচু নিচু গরম ঠান্ডা মিষ্টি ঝাল টক তেতো
সস্তা দামি ব্যস্ত শান্ত জোরে ধীরে দ্রুত ভারী হালকা উজ্জ্বল অন্ধকার মজার দুঃখী রাগী খুশি সাহসী অলস বুদ্ধিমান
বিখ্যাত স্থানীয় জাতীয় আন্তর্জাতিক ডিজিটাল অনলাইন ভাইরাল সবুজ লাল নীল হলুদ সাদা কালো সোনালি অসাধারণ
চমৎকার ভয়ঙ্কর সুস্বাদু তাজা পচা জরুরি গুরুত্বপূর্ণ কঠিন সহজ সত্য মিথ্যা পরিষ্কার নোংরা`.split(/\s+/);

const BN_VERBS = `করছি করছে করছেন করেছি করেছে করেছেন করব করবে করবেন করলাম করল করলেন যাচ্ছি যাচ্ছে গেছি গেছে যাব
যাবে গেলাম গেল আসছি আসছে এসেছি এসেছে আসব আসবে এলাম এল খাচ্ছি খাচ্ছে খেয়েছি খেয়েছে খাব খাবে খেলাম
দেখছি দেখছে দেখেছি দেখেছে দেখব দেখবে দেখলাম দেখল বলছি বলছে বলেছি বলেছে বলব বলবে বললাম বলল পড়ছি পড়ছে
পড়েছি পড়েছে পড়ব লিখছি লিখেছে লিখব শুনছি শুনেছি শুনলাম ভাবছি ভেবেছি চাই চায় চেয়েছি পারি পারে পারব
জানি জানে জানতাম বুঝি বুঝলাম হাসছি হাসল কাঁদছি কাঁদল খেলছে খেলেছে জিতেছে হেরেছে কিনেছি কিনব বিক্রি
পাঠিয়েছি পেয়েছি দিয়েছি নিয়েছি রেখেছি ধরেছি ছেড়েছি শুরু শেষ বন্ধ খোলা চলছে থামল বাড়ছে কমছে`.split(/\s+/);

const BN_NAMES = `ঢাকা চট্টগ্রাম সিলেট খুলনা রাজশাহী বরিশাল রংপুর ময়মনসিংহ কুমিল্লা কক্সবাজার নারায়ণগঞ্জ গাজীপুর
কলকাতা পদ্মা মেঘনা যমুনা বুড়িগঙ্গা সুন্দরবন টেকনাফ বান্দরবান সাজেক কুয়াকাটা শ্রীমঙ্গল রবীন্দ্রনাথ
নজরুল জীবনানন্দ হুমায়ূন সত্যজিৎ সাকিব তামিম মুশফিক মাশরাফি মুস্তাফিজ লিটন তাসকিন মেহেদী
আবাহনী মোহামেডান বিকাশ নগদ পাঠাও দারাজ চালডাল ওয়ালটন প্রাণ আড়ং বসুন্ধরা গ্রামীণ ব্র্যাক`.split(/\s+/);

const EMOJI = ['😂', '❤️', '🔥', '🙏', '😍', '😭', '👍', '🎉', '🏏', '🌧️', '☕', '🇧🇩', '✨', '💯', '😅'];
const DOMAINS = [
  'prothomalo.com',
  'bdnews24.com',
  'thedailystar.net',
  'youtube.com',
  'youtu.be',
  'en.wikipedia.org',
  'bn.wikipedia.org',
  'github.com',
  'medium.com',
  'bbc.com',
  'news.ycombinator.com',
  'substack.com',
];
const HANDLE_HOSTS = ['bsky.social', 'bsky.social', 'bsky.social', 'mastodon.social', 'example.com'];

function plural(w: string): string {
  if (/(s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  return `${w}s`;
}

function englishForms(): string[] {
  const forms = new Set<string>();
  for (const w of EN_NOUNS) {
    forms.add(w);
    forms.add(plural(w));
  }
  for (const w of EN_VERBS) {
    forms.add(w);
    forms.add(plural(w));
    forms.add(w.endsWith('e') ? `${w}d` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ied` : `${w}ed`);
    forms.add(w.endsWith('e') && !w.endsWith('ee') ? `${w.slice(0, -1)}ing` : `${w}ing`);
  }
  for (const w of EN_ADJECTIVES) {
    forms.add(w);
    if (w.length <= 5) forms.add(w.endsWith('e') ? `${w}r` : `${w}er`);
  }
  for (const w of EN_FUNCTION) forms.delete(w);
  return [...forms];
}

const BN_VOWEL_SIGNS = /[\u09be-\u09cc\u0985-\u0994]$/;

function bengaliForms(): string[] {
  const forms = new Set<string>();
  for (const w of BN_NOUNS) {
    const vowelEnding = BN_VOWEL_SIGNS.test(w);
    forms.add(w);
    forms.add(vowelEnding ? `${w}র` : `${w}ের`);
    forms.add(vowelEnding ? `${w}য়` : `${w}ে`);
    forms.add(`${w}কে`);
    forms.add(`${w}গুলো`);
    forms.add(`${w}টা`);
    forms.add(`${w}ও`);
    forms.add(`${w}ই`);
  }
  for (const w of [...BN_ADJECTIVES, ...BN_VERBS]) forms.add(w);
  for (const w of BN_FUNCTION) forms.delete(w);
  return [...forms];
}

/** Draws words with Zipf frequencies (weight 1/(rank+2)), function words first. */
class ZipfVocabulary {
  readonly words: string[];
  private readonly cumulative: Float64Array;

  constructor(functionWords: string[], content: string[], random: () => number) {
    const shuffled = [...content];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    this.words = [...functionWords, ...shuffled];
    this.cumulative = new Float64Array(this.words.length);
    let total = 0;
    for (let r = 0; r < this.words.length; r++) {
      total += 1 / (r + 2);
      this.cumulative[r] = total;
    }
    for (let r = 0; r < this.words.length; r++) this.cumulative[r]! /= total;
  }

  draw(random: () => number): string {
    const x = random();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }

  /** A word ranked between `from` and `to` (content words only, not the most common ones). */
  pick(random: () => number, from: number, to: number): string {
    const end = Math.min(to, this.words.length);
    return this.words[from + Math.floor(random() * (end - from))]!;
  }
}

const EN_ONSETS = 'b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pr st tr sh ch th'.split(' ');
const EN_VOWELS = 'a e i o u ai ea oo ou io'.split(' ');
const EN_CODAS = ' n r s x l k t ly ra go ix'.split(' ');
const BN_CONSONANTS = 'ক খ গ ঘ চ ছ জ ঝ ট ঠ ড ত থ দ ধ ন প ফ ব ভ ম র ল শ স হ'.split(' ');
const BN_VOWEL_SIGNS_LIST = ['', '', 'া', 'ি', 'ী', 'ু', 'ে', 'ো'];
const BN_CODAS = ['', '', 'ন', 'র', 'ল', 'ম', 'স'];

/** Made-up brand and product names (two or three syllables), which rarely collide with words. */
function brandNames(random: () => number, count: number, bengali: boolean): string[] {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const names = new Set<string>();
  while (names.size < count) {
    const syllables = 2 + Math.floor(random() * 2);
    let name = '';
    for (let k = 0; k < syllables; k++) {
      name += bengali ? pick(BN_CONSONANTS) + pick(BN_VOWEL_SIGNS_LIST) : pick(EN_ONSETS) + pick(EN_VOWELS);
    }
    names.add(name + pick(bengali ? BN_CODAS : EN_CODAS));
  }
  return [...names];
}

export interface ListeningVocabulary {
  english: ZipfVocabulary;
  bengali: ZipfVocabulary;
  /** Places, people, teams and brands, the well-known first, then thousands of smaller brands. */
  englishNames: ZipfVocabulary;
  bengaliNames: ZipfVocabulary;
  /** Common two-word phrases posts use and phrase queries look for. */
  englishPhrases: [string, string][];
  bengaliPhrases: [string, string][];
}

export function listeningVocabulary(seed = 1): ListeningVocabulary {
  const random = seededRandom(seed);
  const english = new ZipfVocabulary(EN_FUNCTION, englishForms(), random);
  const bengali = new ZipfVocabulary(BN_FUNCTION, bengaliForms(), random);
  const phrases = (v: ZipfVocabulary): [string, string][] =>
    Array.from({ length: 400 }, () => [v.pick(random, 150, 1500), v.pick(random, 150, 1500)]);
  return {
    english,
    bengali,
    englishNames: new ZipfVocabulary(EN_NAMES, brandNames(random, 15_000, false), random),
    bengaliNames: new ZipfVocabulary(BN_NAMES, brandNames(random, 5_000, true), random),
    englishPhrases: phrases(english),
    bengaliPhrases: phrases(bengali),
  };
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(random: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += BASE32[Math.floor(random() * 32)];
  return s;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Words of one post: mostly short, a long tail, cut to at most 300 characters. */
function postText(vocabulary: ListeningVocabulary, random: () => number): { text: string; lang: string } {
  const roll = random();
  const lang = roll < 0.7 ? 'en' : roll < 0.9 ? 'bn' : 'mixed';
  const lengthRoll = random();
  const wordCount =
    lengthRoll < 0.5
      ? 3 + Math.floor(random() * 10)
      : lengthRoll < 0.85
        ? 12 + Math.floor(random() * 20)
        : 30 + Math.floor(random() * 35);
  const parts: string[] = [];
  const pickVocabulary = () =>
    lang === 'en' || (lang === 'mixed' && random() < 0.4) ? vocabulary.english : vocabulary.bengali;
  for (let i = 0; i < wordCount; i++) {
    const v = pickVocabulary();
    const english = v === vocabulary.english;
    const r = random();
    if (r < 0.015) {
      const name = (english ? vocabulary.englishNames : vocabulary.bengaliNames).draw(random);
      parts.push(english ? capitalise(name) : name);
    } else if (r < 0.035) {
      const phrases = english ? vocabulary.englishPhrases : vocabulary.bengaliPhrases;
      parts.push(...phrases[Math.floor(random() * phrases.length)]!);
    } else {
      let word = v.draw(random);
      if (english && (i === 0 || parts[parts.length - 1]?.endsWith('.'))) word = capitalise(word);
      parts.push(word);
    }
    const p = random();
    if (p < 0.06) parts[parts.length - 1] += english ? '.' : '।';
    else if (p < 0.1) parts[parts.length - 1] += ',';
    else if (p < 0.11) parts[parts.length - 1] += '!';
    else if (p < 0.12) parts[parts.length - 1] += '?';
  }
  if (random() < 0.12) {
    const tags = 1 + Math.floor(random() * 3);
    for (let t = 0; t < tags; t++) {
      const english = lang === 'en' || (lang === 'mixed' && random() < 0.5);
      const tag = (
        random() < 0.6
          ? english
            ? vocabulary.englishNames
            : vocabulary.bengaliNames
          : english
            ? vocabulary.english
            : vocabulary.bengali
      ).draw(random);
      parts.push(`#${tag}`);
    }
  }
  if (random() < 0.08) {
    const handle = `${vocabulary.englishNames.draw(random)}${Math.floor(random() * 50)}.${HANDLE_HOSTS[Math.floor(random() * HANDLE_HOSTS.length)]}`;
    parts.splice(Math.floor(random() * parts.length), 0, `@${handle}`);
  }
  if (random() < 0.15) parts.push(EMOJI[Math.floor(random() * EMOJI.length)]!);
  let text = parts.join(' ');
  // Some Bengali keyboards type ড় ঢ় য় as one precomposed character, which NFC splits in two.
  if (lang !== 'en' && random() < 0.3) {
    text = text
      .replace(/\u09a1\u09bc/g, '\u09dc')
      .replace(/\u09a2\u09bc/g, '\u09dd')
      .replace(/\u09af\u09bc/g, '\u09df');
  }
  if (text.length > 300) text = text.slice(0, text.lastIndexOf(' ', 300));
  if (random() < 0.1) {
    const link = `https://${DOMAINS[Math.floor(random() * DOMAINS.length)]}/${base32(random, 8)}`;
    if (text.length + link.length + 1 <= 300) text = `${text} ${link}`;
  }
  return { text, lang: lang === 'mixed' ? 'bn' : lang };
}

/** `count` Jetstream commit events for new posts, as the JSON strings the socket delivers. */
export function jetstreamEvents(vocabulary: ListeningVocabulary, count: number, seed = 2): string[] {
  const random = seededRandom(seed);
  const events: string[] = new Array(count);
  const dids = Array.from({ length: 5000 }, () => `did:plc:${base32(random, 24)}`);
  let timeUs = 1_767_225_600_000_000;
  for (let n = 0; n < count; n++) {
    timeUs += Math.floor(random() * 2000);
    const { text, lang } = postText(vocabulary, random);
    const createdAt = new Date(Math.floor(timeUs / 1000) - Math.floor(random() * 5000)).toISOString();
    const rkey = `3l${base32(random, 11)}`;
    // JSON.stringify gives one flat string, as a socket message is (a template literal would leave
    // a tree of pieces that JSON.parse has to copy together the first time it reads it).
    events[n] = JSON.stringify({
      did: dids[Math.floor(random() * dids.length)],
      time_us: timeUs,
      kind: 'commit',
      commit: {
        rev: `3l${base32(random, 11)}`,
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey,
        record: { $type: 'app.bsky.feed.post', text, langs: [lang], createdAt },
        cid: `bafyrei${base32(random, 52)}`,
      },
    });
  }
  return events;
}

function term(text: string, prefix = false): TermNode {
  return { type: 'term', text: normaliseText(text), prefix };
}

function filter(field: FilterNode['field'], value: string): FilterNode {
  return { type: 'filter', field, value };
}

/**
 * `count` queries as teams write them: mostly a brand, place or person (well-known names more often,
 * the long tail of small brands too), alone or with context words, exclusions, spelling variants,
 * a wildcard, NEAR, as a hashtag or a mention, narrowed by a filter; some phrases and rare topic
 * words; about a quarter in Bengali.
 */
export function listeningQueries(
  vocabulary: ListeningVocabulary,
  count: number,
  seed = 3,
): { id: string; tree: QueryNode }[] {
  const random = seededRandom(seed);
  const queries: { id: string; tree: QueryNode }[] = [];
  for (let n = 0; n < count; n++) {
    const english = random() < 0.75;
    const v = english ? vocabulary.english : vocabulary.bengali;
    const names = english ? vocabulary.englishNames : vocabulary.bengaliNames;
    const phrases = english ? vocabulary.englishPhrases : vocabulary.bengaliPhrases;
    const nameText = () => (random() < 0.2 ? names.draw(random) : names.pick(random, 0, names.words.length));
    const name = () => term(nameText());
    // Context words come from the less common part of the vocabulary, as monitored terms do.
    const topic = () => term(v.pick(random, 800, v.words.length));
    const phrase = (): QueryNode => {
      const [a, b] = phrases[Math.floor(random() * phrases.length)]!;
      return { type: 'phrase', words: [normaliseText(a), normaliseText(b)] };
    };
    const roll = random();
    let tree: QueryNode;
    if (roll < 0.25) tree = name();
    else if (roll < 0.33)
      tree = { type: 'or', children: [name(), name(), { type: 'hashtag', tag: normaliseText(nameText()) }] };
    else if (roll < 0.48)
      tree = { type: 'and', children: [name(), { type: 'or', children: [topic(), topic(), topic()] }] };
    else if (roll < 0.56) tree = { type: 'and', children: [name(), { type: 'not', child: topic() }] };
    else if (roll < 0.62) tree = random() < 0.5 ? phrase() : { type: 'and', children: [phrase(), topic()] };
    else if (roll < 0.67) tree = { type: 'and', children: [topic(), topic()] };
    else if (roll < 0.72) {
      const word = nameText();
      tree = { type: 'and', children: [term(word.slice(0, Math.max(4, word.length - 2)), true), topic()] };
    } else if (roll < 0.78) {
      tree = {
        type: 'near',
        distance: 1 + Math.floor(random() * 5),
        ordered: random() < 0.3,
        left: name(),
        right: term(v.pick(random, 100, v.words.length)),
      };
    } else if (roll < 0.85) {
      tree = { type: 'hashtag', tag: normaliseText(nameText()) };
    } else if (roll < 0.88) {
      tree = {
        type: 'mention',
        handle: `${vocabulary.englishNames.draw(random)}${Math.floor(random() * 50)}.bsky.social`,
      };
    } else {
      const field = random();
      const narrowing =
        field < 0.5
          ? filter('lang', english ? 'en' : 'bn')
          : field < 0.8
            ? filter('site', DOMAINS[Math.floor(random() * DOMAINS.length)]!)
            : filter('platform', 'bluesky');
      tree = { type: 'and', children: [{ type: 'or', children: [name(), name()] }, narrowing] };
    }
    queries.push({ id: `q${n}`, tree });
  }
  return queries;
}
