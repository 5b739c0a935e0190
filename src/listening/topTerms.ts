// The words people use most in a set of posts, leaving out the little words of English and Bengali that
// say nothing about a topic (articles, pronouns, particles, postpositions), numbers, and pieces of links.
import { normaliseText, wordsOf } from '../core/listening/normalise.ts';

const ENGLISH_STOPWORDS = `a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't could did didn't do does doesn't doing don't down during each few
for from further get got had has have having he her here hers herself him himself his how i i'm if in into is isn't
it it's its itself just let's me more most much my myself no nor not now of off on once only or other our ours
ourselves out over own really same she should so some such than that that's the their theirs them themselves then
there there's these they they're this those through to too under until up us very via was we were what when where
which while who whom why will with would you you're your yours yourself yourselves rt amp im dont cant thats
http https www com org net html`;

const BENGALI_STOPWORDS = `অবশ্য অথবা অনেক অনুযায়ী অন্য অর্থাৎ আই আগে আছে আছেন আজ আপনার আপনি আবার আমরা আমাকে আমাদের আমার
আমি আর আরও ইত্যাদি উনি উপর উপরে এ এই এঁরা এক একই একটা একটি একবার এখন এখনও এখানে এটা এটাই এটি এত এতে
এদের এবং এবার এমন এর এরা এল এস ও ওই ওঁরা ওর ওরা ওদের ওখানে ওটা ওটি কখনও করতে করবে করবেন করা করার করে করেই
করেছে করেছেন করেন কাছে কাজ কারণ কি কিংবা কিছু কিন্তু কী কে কেউ কেন কোন কোনও কোনো ক্ষেত্রে খুব গিয়ে গেছে গেল
গেলে চলে জন্য জন্যে তখন তত তবে তা তাই তাঁর তাঁরা তাকে তাতে তাদের তার তারপর তারা তাহলে তিনি তো থাকবে থাকে
থাকেন থেকে থেকেই দিকে দিয়ে দিতে দেওয়া দেখা দেয় না নাই নাকি নিয়ে নিজে নিজের নেই পর পরে পারে পারেন প্রতি
প্রায় ফলে বলে বলেন বা বাদে বিনা বেশ ভাবে মতো মত মধ্যে মনে যখন যত যদি যা যাঁর যাকে যাতে যায় যার যারা যে
যেন যেমন সঙ্গে সব সবাই সময় সহ সাথে সে সেই সেখানে সেটা সেটি হতে হবে হয় হয়ে হয়েছে হয়েছেন হল হলে হলো হয়ত
হয়তো হাজার হিসাবে হিসেবে হোক`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  `${ENGLISH_STOPWORDS} ${BENGALI_STOPWORDS}`
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => [normaliseText(w), ...wordsOf(normaliseText(w))]),
);

const NUMBER = /^[\p{N}]+$/u;

/** The most frequent words of the texts (each text counts a word once), most frequent first. */
export function topTerms(texts: string[], limit: number): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    // Links, handles and hashtags are counted elsewhere (or not at all), not as words.
    const plain = text.replace(/https?:\/\/\S+/g, ' ').replace(/[@#][\p{L}\p{M}\p{N}_.-]+/gu, ' ');
    const words = new Set(wordsOf(normaliseText(plain)));
    for (const word of words) {
      if ([...word].length < 2 || NUMBER.test(word) || STOPWORDS.has(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([term, count]) => ({ term, count }));
}
