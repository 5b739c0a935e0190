// The query language at a glance, for the syntax help beside the query box: each piece of syntax with
// an example in English and one in Bengali. The examples are query text (not translated prose), so
// they live here; what each piece does is in the texts under `listening.syntax.items`.

export interface SyntaxItem {
  /** The key of its description under `listening.syntax.items`. */
  id: string;
  /** How the syntax is written. */
  form: string;
  english: string;
  bengali: string;
}

export const SYNTAX_ITEMS: readonly SyntaxItem[] = [
  { id: 'terms', form: 'word word', english: 'tea garden', bengali: 'চা বাগান' },
  { id: 'phrase', form: '"…"', english: '"late delivery"', bengali: '"দেরিতে ডেলিভারি"' },
  { id: 'and', form: 'AND', english: 'refund AND delay', bengali: 'ফেরত AND দেরি' },
  { id: 'or', form: 'OR', english: 'bkash OR nagad', bengali: 'বিকাশ OR নগদ' },
  { id: 'not', form: 'NOT', english: 'cricket NOT football', bengali: 'ক্রিকেট NOT ফুটবল' },
  { id: 'minus', form: '-word', english: 'kolorob -giveaway', bengali: 'কলরব -উপহার' },
  {
    id: 'group',
    form: '( )',
    english: '(refund OR return) AND late',
    bengali: '(ফেরত OR বদল) AND দেরি',
  },
  { id: 'wildcard', form: 'word*', english: 'deliver*', bengali: 'পাঠা*' },
  { id: 'near', form: 'NEAR/n', english: 'battery NEAR/3 hot', bengali: 'ব্যাটারি NEAR/3 গরম' },
  { id: 'onear', form: 'ONEAR/n', english: 'not ONEAR/2 working', bengali: 'কাজ ONEAR/2 করছে' },
  { id: 'hashtag', form: '#tag', english: '#customerservice', bengali: '#গ্রাহকসেবা' },
  { id: 'handle', form: '@handle', english: '@kolorob.bsky.social', bengali: '@কলরব' },
  { id: 'lang', form: 'lang:', english: 'kolorob lang:en', bengali: 'কলরব lang:bn' },
  {
    id: 'author',
    form: 'author:',
    english: 'outage author:alice.bsky.social',
    bengali: 'বিদ্যুৎ author:dhaka.news',
  },
  { id: 'site', form: 'site:', english: 'review site:example.com', bengali: 'পর্যালোচনা site:prothomalo.com' },
  {
    id: 'platform',
    form: 'platform:',
    english: 'kolorob platform:mastodon',
    bengali: 'কলরব platform:bluesky',
  },
];
