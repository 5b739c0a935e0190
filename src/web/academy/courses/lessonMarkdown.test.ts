import { describe, expect, it } from 'vitest';
import { renderLessonMarkdown, videoHost } from './lessonMarkdown.ts';

const render = (source: string, title?: string) =>
  renderLessonMarkdown(source, { watchVideo: 'Watch the video', title });

describe('renderLessonMarkdown', () => {
  it('shows raw HTML as text instead of running it', () => {
    const html = render('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses javascript: links', () => {
    expect(render('[click](javascript:alert(1))')).not.toContain('href="javascript:');
  });

  it('puts headings below the page title and leaves out a first heading repeating it', () => {
    expect(render('# Why listen\n\nText\n\n## Part\n\n### Detail', 'Why listen')).toBe(
      '<p>Text</p>\n<h2>Part</h2>\n<h3>Detail</h3>\n',
    );
    expect(render('# Something else\n\n## Under it')).toBe('<h2>Something else</h2>\n<h3>Under it</h3>\n');
    expect(render('#### Deep\n\n###### Deeper')).toBe('<h2>Deep</h2>\n<h4>Deeper</h4>\n');
  });

  it('turns a lone YouTube or Vimeo link into a video card, bare or written as a link', () => {
    const bare = render('Intro\n\nhttps://www.youtube.com/watch?v=abc&t=1\n\nAfter');
    expect(bare).toContain(
      '<a class="lesson-video-card" href="https://www.youtube.com/watch?v=abc&amp;t=1" target="_blank" rel="noopener noreferrer">',
    );
    expect(bare).toContain('<strong>Watch the video</strong>');
    expect(bare).toContain('<span class="lesson-video-host">youtube.com</span>');
    const named = render('[A talk on listening](https://vimeo.com/12345)');
    expect(named).toContain('<span class="lesson-video-label">A talk on listening</span>');
    expect(named).toContain('vimeo.com');
  });

  it('keeps a video link inside a sentence as an ordinary link', () => {
    const html = render('See https://youtu.be/abc for more.');
    expect(html).not.toContain('lesson-video-card');
    expect(html).toContain('<a href="https://youtu.be/abc" target="_blank" rel="noopener noreferrer">');
  });

  it('shows images and tables', () => {
    expect(render('![A chart](https://example.com/c.png)')).toBe(
      '<p><img src="https://example.com/c.png" alt="A chart" loading="lazy"></p>\n',
    );
    expect(render('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<table>');
  });
});

describe('videoHost', () => {
  it('knows YouTube and Vimeo addresses only', () => {
    expect(videoHost('https://youtu.be/x')).toBe('youtu.be');
    expect(videoHost('https://m.youtube.com/watch?v=x')).toBe('youtube.com');
    expect(videoHost('https://player.vimeo.com/video/1')).toBe('vimeo.com');
    expect(videoHost('https://notyoutube.com/x')).toBeUndefined();
    expect(videoHost('javascript:alert(1)')).toBeUndefined();
  });
});
