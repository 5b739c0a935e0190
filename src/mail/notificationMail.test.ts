import { describe, expect, it } from 'vitest';
import { notificationMail } from './notificationMail.ts';

describe('notificationMail', () => {
  it('asks for one post, or for the posts of an import at once, in English', () => {
    const one = notificationMail(
      'a@example.test',
      'Tea Desk',
      'approval_requested',
      { authorName: 'Rina', postText: 'Eid sale' },
      'https://kolorob.example/w/1/publisher/approvals?post=2',
      'en',
    );
    expect(one.subject).toBe('Kolorob (Tea Desk): Rina asks you to approve a post');
    const many = notificationMail(
      'a@example.test',
      'Tea Desk',
      'approval_requested',
      { authorName: 'Rina', postText: 'Eid sale', count: 12 },
      'https://kolorob.example/w/1/publisher/approvals',
      'en',
    );
    expect(many.subject).toBe('Kolorob (Tea Desk): Rina asks you to approve 12 posts');
    expect(many.text).toBe(
      [
        'Rina imported 12 posts that wait for your approval. The first one:',
        '',
        '"Eid sale"',
        '',
        'Open in Kolorob: https://kolorob.example/w/1/publisher/approvals',
      ].join('\n'),
    );
  });

  it('words an import’s request in Bengali with Bengali digits', () => {
    const many = notificationMail(
      'a@example.test',
      'চা ডেস্ক',
      'approval_requested',
      { authorName: 'রিনা', postText: 'ঈদ', count: 12 },
      'https://kolorob.example/w/1/publisher/approvals',
      'bn',
    );
    expect(many.subject).toBe('কলরব (চা ডেস্ক): রিনা ১২টি পোস্ট অনুমোদনের অনুরোধ করেছেন');
    expect(many.text.split('\n')[0]).toBe('রিনা ১২টি পোস্ট ইমপোর্ট করেছেন, যা আপনার অনুমোদনের অপেক্ষায়। প্রথমটি:');
  });
});
