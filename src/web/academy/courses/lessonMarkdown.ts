// Lesson Markdown to HTML, safely: raw HTML in the Markdown is shown as text, never run. Bare addresses
// become links, images show, headings sit below the page's own title, and a YouTube or Vimeo
// link alone in its paragraph becomes a "watch the video" card.
import MarkdownIt, { type Token } from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'vimeo.com', 'youtube-nocookie.com'];

/** The video site an address points to ("youtube.com"), if it is one. */
export function videoHost(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^(www|m)\./, '');
  return VIDEO_HOSTS.find((known) => host === known || host.endsWith(`.${known}`));
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The link of a paragraph that holds nothing but one link to a video site. */
function loneVideoLink(inline: Token): { href: string; text: string; host: string } | undefined {
  const parts = (inline.children ?? []).filter(
    (child) => !(child.type === 'text' && child.content.trim() === '') && child.type !== 'softbreak',
  );
  if (parts.length < 2 || parts[0]!.type !== 'link_open' || parts.at(-1)!.type !== 'link_close')
    return undefined;
  const inner = parts.slice(1, -1);
  if (inner.some((part) => part.type === 'link_open' || part.type === 'image')) return undefined;
  const href = String(parts[0]!.attrGet('href') ?? '');
  const host = videoHost(href);
  if (!host) return undefined;
  const text = inner.map((part) => part.content).join('');
  return { href, text, host };
}

export interface RenderOptions {
  /** The card's call to action, in the page's language: "Watch the video". */
  watchVideo: string;
  /** A first heading repeating this title is left out: the page shows the title already. */
  title?: string;
}

export function renderLessonMarkdown(source: string, options: RenderOptions): string {
  const env = {};
  const tokens = md.parse(source, env);
  const state = new md.core.State('', md, env);
  // The lesson's title written again as its first heading.
  const [first, firstInline] = tokens;
  if (
    first?.type === 'heading_open' &&
    firstInline?.type === 'inline' &&
    options.title !== undefined &&
    firstInline.content.trim().toLocaleLowerCase() === options.title.trim().toLocaleLowerCase()
  )
    tokens.splice(0, 3);
  // The page's title is its h1: the lesson's own top level of headings becomes h2, and the rest follow.
  const levels = tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
  const shift = levels.length > 0 ? 2 - Math.min(...levels) : 0;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const inline = tokens[i + 1];
    if (token.type === 'heading_open' || token.type === 'heading_close')
      token.tag = `h${Math.min(Number(token.tag.slice(1)) + shift, 6)}`;
    if (
      token.type === 'paragraph_open' &&
      inline?.type === 'inline' &&
      tokens[i + 2]?.type === 'paragraph_close'
    ) {
      const video = loneVideoLink(inline);
      if (video) {
        const card = new state.Token('html_block', '', 0);
        const label = video.text && video.text !== video.href ? video.text : '';
        card.content =
          `<p class="lesson-video"><a class="lesson-video-card" href="${escapeHtml(video.href)}" target="_blank" rel="noopener noreferrer">` +
          `<span class="lesson-video-icon" aria-hidden="true">▶</span>` +
          `<span class="lesson-video-text"><strong>${escapeHtml(options.watchVideo)}</strong>` +
          (label ? `<span class="lesson-video-label">${escapeHtml(label)}</span>` : '') +
          `<span class="lesson-video-host">${escapeHtml(video.host)}</span></span></a></p>\n`;
        out.push(card);
        i += 2;
        continue;
      }
    }
    out.push(token);
  }
  // Links leave the app in a new tab, so the lesson stays open.
  for (const token of out) {
    for (const child of token.children ?? []) {
      if (child.type === 'link_open' && /^https?:/i.test(String(child.attrGet('href') ?? ''))) {
        child.attrSet('target', '_blank');
        child.attrSet('rel', 'noopener noreferrer');
      }
      if (child.type === 'image') child.attrSet('loading', 'lazy');
    }
  }
  return md.renderer.render(out, md.options, env);
}
