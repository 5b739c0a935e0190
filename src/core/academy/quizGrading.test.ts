import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from './academyTypes.ts';
import { gradeQuestion, gradeQuestions, questionsForLearner } from './quizGrading.ts';

const single: QuizQuestion = {
  id: 's',
  prompt: 'Best time to post?',
  kind: 'single',
  options: [
    { id: 'a', text: 'When the audience is online', correct: true, explanation: 'They see it first.' },
    { id: 'b', text: 'At 3 a.m.', correct: false, explanation: 'Few are awake.' },
    { id: 'c', text: 'Never', correct: false, explanation: 'Then nobody sees anything.' },
  ],
};

const multiple: QuizQuestion = {
  id: 'm',
  prompt: 'Which help reach?',
  kind: 'multiple',
  options: [
    { id: 'a', text: 'Alt text', correct: true, explanation: 'More people can read it.' },
    { id: 'b', text: 'Hashtags', correct: true, explanation: 'People follow them.' },
    { id: 'c', text: 'Typos', correct: false, explanation: 'They hurt trust.' },
  ],
};

describe('gradeQuestion', () => {
  it('marks a single-choice question right only for its one correct option', () => {
    expect(gradeQuestion(single, ['a']).correct).toBe(true);
    expect(gradeQuestion(single, ['b']).correct).toBe(false);
    expect(gradeQuestion(single, ['a', 'b']).correct).toBe(false);
    expect(gradeQuestion(single, []).correct).toBe(false);
  });

  it('marks a multiple-choice question right only for exactly the correct set', () => {
    expect(gradeQuestion(multiple, ['b', 'a']).correct).toBe(true);
    expect(gradeQuestion(multiple, ['a']).correct).toBe(false);
    expect(gradeQuestion(multiple, ['a', 'b', 'c']).correct).toBe(false);
    expect(gradeQuestion(multiple, ['a', 'b', 'zz']).correct).toBe(false);
    expect(gradeQuestion(multiple, ['a', 'a', 'b']).correct).toBe(true);
  });

  it('returns every option with whether it is right, whether it was chosen, and its explanation', () => {
    expect(gradeQuestion(single, ['b']).options).toEqual([
      {
        id: 'a',
        text: 'When the audience is online',
        correct: true,
        chosen: false,
        explanation: 'They see it first.',
      },
      { id: 'b', text: 'At 3 a.m.', correct: false, chosen: true, explanation: 'Few are awake.' },
      { id: 'c', text: 'Never', correct: false, chosen: false, explanation: 'Then nobody sees anything.' },
    ]);
  });
});

describe('gradeQuestions', () => {
  it('scores the share of questions answered right, rounded down', () => {
    const third: QuizQuestion = { ...single, id: 't' };
    expect(gradeQuestions([single, multiple, third], { s: ['a'], m: ['a', 'b'], t: ['c'] })).toMatchObject({
      scorePercent: 66,
      correctCount: 2,
      total: 3,
      results: [
        { questionId: 's', correct: true },
        { questionId: 'm', correct: true },
        { questionId: 't', correct: false },
      ],
    });
  });

  it('counts an unanswered question as wrong and ignores answers to unknown questions', () => {
    const graded = gradeQuestions([single, multiple], { s: ['a'], elsewhere: ['a'] });
    expect(graded.scorePercent).toBe(50);
    expect(graded.results[1]!.correct).toBe(false);
  });

  it('is exact on whole percentages', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ ...single, id: `q${i}` }));
    const answers = Object.fromEntries(many.map((q, i) => [q.id, [i < 29 ? 'a' : 'b']]));
    expect(gradeQuestions(many, answers).scorePercent).toBe(29);
    expect(gradeQuestions([], {}).scorePercent).toBe(0);
    expect(gradeQuestions([single], { s: ['a'] }).scorePercent).toBe(100);
  });

  it('does not read inherited properties as answers', () => {
    const proto: QuizQuestion = { ...single, id: 'toString' };
    expect(gradeQuestions([proto], {}).results[0]!.correct).toBe(false);
  });
});

describe('questionsForLearner', () => {
  it('leaves out which options are right and why', () => {
    const shown = questionsForLearner([multiple]);
    expect(shown).toEqual([
      {
        id: 'm',
        prompt: 'Which help reach?',
        kind: 'multiple',
        options: [
          { id: 'a', text: 'Alt text' },
          { id: 'b', text: 'Hashtags' },
          { id: 'c', text: 'Typos' },
        ],
      },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/correct|explanation/);
  });
});
