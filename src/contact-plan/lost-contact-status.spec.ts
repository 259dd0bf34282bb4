import { describe, expect, it } from 'vitest';
import type { AttemptOutcome } from './contact-rules.js';
import {
  assessLostContact,
  phoneValidity,
  type PhoneAttempt,
  type PhoneAttemptHistory,
  type StatusAssessment,
} from './lost-contact-status.js';

const NOW = new Date('2024-06-30T12:00:00Z');
const DAY = 86_400_000;

/** An instant `days` before NOW (fractions allowed). */
function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * DAY);
}

function call(days: number, outcome: AttemptOutcome): PhoneAttempt {
  return { attemptedAt: daysAgo(days), outcome };
}

let phoneCounter = 0;
function phone(...attempts: PhoneAttempt[]): PhoneAttemptHistory {
  phoneCounter += 1;
  return { contactPointId: `contact-point-${phoneCounter}`, attempts };
}

function status(phones: PhoneAttemptHistory[], now = NOW, options = {}): StatusAssessment['status'] {
  return assessLostContact(phones, now, options).status;
}

describe('phoneValidity', () => {
  it('is unknown without attempts', () => {
    expect(phoneValidity([])).toBe('unknown');
  });

  it.each<[AttemptOutcome, 'valid' | 'invalid' | 'unknown']>([
    ['answered', 'valid'],
    ['no_answer', 'valid'],
    ['rejected', 'valid'],
    ['busy', 'valid'],
    ['wrong_person', 'valid'],
    ['invalid_number', 'invalid'],
    ['disconnected', 'invalid'],
    ['powered_off', 'unknown'],
  ])('reads a single %s as %s', (outcome, validity) => {
    expect(phoneValidity([call(1, outcome)])).toBe(validity);
  });

  it('ignores powered_off when a decisive outcome exists, before or after it', () => {
    expect(phoneValidity([call(3, 'disconnected'), call(1, 'powered_off')])).toBe('invalid');
    expect(phoneValidity([call(3, 'no_answer'), call(1, 'powered_off'), call(0, 'powered_off')])).toBe('valid');
    expect(phoneValidity([call(3, 'powered_off'), call(1, 'busy')])).toBe('valid');
  });

  it('lets the latest decisive outcome win in both directions', () => {
    expect(phoneValidity([call(5, 'answered'), call(1, 'disconnected')])).toBe('invalid');
    // A reassigned or reactivated number revives.
    expect(phoneValidity([call(5, 'disconnected'), call(1, 'answered')])).toBe('valid');
    expect(phoneValidity([call(5, 'invalid_number'), call(1, 'wrong_person')])).toBe('valid');
  });

  it('goes by time, not by list order', () => {
    expect(phoneValidity([call(1, 'disconnected'), call(5, 'answered')])).toBe('invalid');
    expect(phoneValidity([call(1, 'answered'), call(5, 'disconnected')])).toBe('valid');
  });

  it('lets the later list entry win when two attempts share a time', () => {
    expect(phoneValidity([call(1, 'no_answer'), call(1, 'disconnected')])).toBe('invalid');
    expect(phoneValidity([call(1, 'disconnected'), call(1, 'no_answer')])).toBe('valid');
  });
});

describe('assessLostContact', () => {
  describe('unknown when there is nothing to judge', () => {
    it('has no phones', () => {
      expect(assessLostContact([], NOW)).toEqual({
        status: 'unknown',
        reason: 'No phone numbers are on file for the borrower.',
        workingNumbers: 0,
        deadNumbers: 0,
        untriedNumbers: 0,
      });
    });

    it('has phones that were never called', () => {
      expect(assessLostContact([phone(), phone()], NOW)).toEqual({
        status: 'unknown',
        reason: 'None of the 2 numbers on file has been called yet.',
        workingNumbers: 0,
        deadNumbers: 0,
        untriedNumbers: 2,
      });
    });

    it('ignores attempts after now, so a phone called only later counts as untried', () => {
      const later = phone({ attemptedAt: new Date(NOW.getTime() + 1), outcome: 'answered' });
      expect(assessLostContact([later], NOW)).toMatchObject({ status: 'unknown', untriedNumbers: 1 });
    });
  });

  describe('reachable', () => {
    it('when the borrower answered recently', () => {
      expect(assessLostContact([phone(call(2, 'answered'))], NOW)).toEqual({
        status: 'reachable',
        reason: 'The borrower answered a call in the last 30 days.',
        workingNumbers: 1,
        deadNumbers: 0,
        untriedNumbers: 0,
      });
    });

    it('wins over dead numbers, untried numbers and unanswered calls on the others', () => {
      const phones = [
        phone(call(10, 'answered')),
        phone(call(1, 'disconnected')),
        phone(),
        phone(call(3, 'no_answer'), call(2, 'rejected'), call(1, 'busy')),
      ];
      expect(assessLostContact(phones, NOW)).toMatchObject({
        status: 'reachable',
        workingNumbers: 2,
        deadNumbers: 1,
        untriedNumbers: 1,
      });
    });

    it('still holds when the phone that answered is switched off later', () => {
      expect(status([phone(call(5, 'answered'), call(1, 'powered_off'))])).toBe('reachable');
    });

    it('still holds after later unanswered calls on the same phone', () => {
      expect(status([phone(call(5, 'answered'), call(3, 'no_answer'), call(2, 'no_answer'), call(1, 'busy'))])).toBe(
        'reachable',
      );
    });

    it('not when the phone that answered has since been disconnected', () => {
      expect(assessLostContact([phone(call(5, 'answered'), call(1, 'disconnected'))], NOW)).toMatchObject({
        status: 'objective_lost',
        deadNumbers: 1,
      });
    });

    it('not when a stranger answers the phone the borrower answered before', () => {
      expect(status([phone(call(5, 'answered'), call(1, 'wrong_person'))])).toBe('unknown');
    });

    it('includes the exact window start and excludes one millisecond earlier', () => {
      const atEdge = phone({ attemptedAt: daysAgo(30), outcome: 'answered' });
      expect(status([atEdge])).toBe('reachable');
      const justOutside = phone({ attemptedAt: new Date(daysAgo(30).getTime() - 1), outcome: 'answered' });
      expect(status([justOutside])).toBe('unknown');
    });

    it('includes an answer at exactly now', () => {
      expect(status([phone({ attemptedAt: NOW, outcome: 'answered' })])).toBe('reachable');
    });

    it('follows a custom window', () => {
      const phones = [phone(call(8, 'answered'))];
      expect(status(phones, NOW, { recentDays: 7 })).toBe('unknown');
      expect(status(phones, NOW, { recentDays: 8 })).toBe('reachable');
      expect(assessLostContact(phones, NOW, { recentDays: 1 }).reason).toContain('the last 1 day');
    });
  });

  describe('objective_lost', () => {
    it('when every number on file is dead', () => {
      const phones = [phone(call(3, 'invalid_number')), phone(call(2, 'disconnected'))];
      expect(assessLostContact(phones, NOW)).toEqual({
        status: 'objective_lost',
        reason: 'All 2 numbers on file are dead (invalid or disconnected); run a repair over consented sources.',
        workingNumbers: 0,
        deadNumbers: 2,
        untriedNumbers: 0,
      });
    });

    it('whatever the age of the evidence', () => {
      expect(status([phone(call(400, 'disconnected'))])).toBe('objective_lost');
    });

    it('even after an old answer that has left the window', () => {
      expect(status([phone(call(60, 'answered'), call(40, 'invalid_number'))])).toBe('objective_lost');
    });

    it('not while one number is only switched off', () => {
      const phones = [phone(call(3, 'disconnected')), phone(call(1, 'powered_off'))];
      expect(assessLostContact(phones, NOW)).toEqual({
        status: 'unknown',
        reason: '1 number dead, but 1 number has only been found switched off; call again to learn whether it works.',
        workingNumbers: 0,
        deadNumbers: 1,
        untriedNumbers: 0,
      });
    });

    it('not while numbers remain untried', () => {
      const phones = [phone(call(3, 'disconnected')), phone(call(2, 'invalid_number')), phone()];
      expect(assessLostContact(phones, NOW)).toEqual({
        status: 'unknown',
        reason: '2 numbers dead, but 1 of 3 numbers has not been tried yet; call it before judging.',
        workingNumbers: 0,
        deadNumbers: 2,
        untriedNumbers: 1,
      });
    });
  });

  describe('subjective_lost', () => {
    it('when a working number rings unanswered at least three times in the window', () => {
      const phones = [phone(call(20, 'no_answer'), call(10, 'rejected'), call(1, 'busy'))];
      expect(assessLostContact(phones, NOW)).toEqual({
        status: 'subjective_lost',
        reason: 'A working number rings but 3 calls in the last 30 days went unanswered, rejected or busy.',
        workingNumbers: 1,
        deadNumbers: 0,
        untriedNumbers: 0,
      });
    });

    it('adds up unanswered calls across working numbers', () => {
      const phones = [phone(call(3, 'no_answer'), call(2, 'no_answer')), phone(call(1, 'rejected'))];
      expect(status(phones)).toBe('subjective_lost');
    });

    it('needs the threshold: two unanswered calls are not enough', () => {
      const phones = [phone(call(2, 'no_answer'), call(1, 'busy'))];
      expect(assessLostContact(phones, NOW)).toEqual({
        status: 'unknown',
        reason: 'Only 2 unanswered calls on working numbers in the last 30 days; 3 needed to judge avoidance.',
        workingNumbers: 1,
        deadNumbers: 0,
        untriedNumbers: 0,
      });
    });

    it('follows a custom threshold', () => {
      const phones = [phone(call(2, 'no_answer'), call(1, 'busy'))];
      expect(status(phones, NOW, { unansweredToSubjective: 2 })).toBe('subjective_lost');
      expect(status(phones, NOW, { unansweredToSubjective: 5 })).toBe('unknown');
    });

    it('counts only calls inside the window, including one exactly at its start', () => {
      const atEdge = phone(call(30, 'no_answer'), call(2, 'no_answer'), call(1, 'no_answer'));
      expect(status([atEdge])).toBe('subjective_lost');
      const outside = phone(
        { attemptedAt: new Date(daysAgo(30).getTime() - 1), outcome: 'no_answer' },
        call(2, 'no_answer'),
        call(1, 'no_answer'),
      );
      expect(status([outside])).toBe('unknown');
    });

    it('does not count switched-off calls as avoidance', () => {
      const phones = [phone(call(4, 'no_answer'), call(3, 'powered_off'), call(2, 'powered_off'), call(1, 'busy'))];
      expect(status(phones)).toBe('unknown');
    });

    it('does not count misses on a number that has since died', () => {
      const phones = [
        phone(call(5, 'no_answer'), call(4, 'no_answer'), call(3, 'no_answer'), call(1, 'disconnected')),
        phone(call(2, 'busy')),
      ];
      expect(assessLostContact(phones, NOW)).toMatchObject({ status: 'unknown', workingNumbers: 1, deadNumbers: 1 });
    });

    it('holds even though numbers remain untried, and says so', () => {
      const phones = [phone(call(3, 'no_answer'), call(2, 'no_answer'), call(1, 'rejected')), phone(), phone()];
      expect(assessLostContact(phones, NOW)).toEqual({
        status: 'subjective_lost',
        reason:
          'A working number rings but 3 calls in the last 30 days went unanswered, rejected or busy; 2 numbers still untried.',
        workingNumbers: 1,
        deadNumbers: 0,
        untriedNumbers: 2,
      });
    });

    it('holds next to dead numbers as long as one line works', () => {
      const phones = [phone(call(6, 'invalid_number')), phone(call(3, 'busy'), call(2, 'busy'), call(1, 'busy'))];
      expect(assessLostContact(phones, NOW)).toMatchObject({
        status: 'subjective_lost',
        workingNumbers: 1,
        deadNumbers: 1,
      });
    });
  });

  describe('wrong_person', () => {
    it('counts as a working line but not as the borrower answering', () => {
      expect(assessLostContact([phone(call(1, 'wrong_person'))], NOW)).toEqual({
        status: 'unknown',
        reason: 'No unanswered calls on working numbers in the last 30 days; 3 needed to judge avoidance.',
        workingNumbers: 1,
        deadNumbers: 0,
        untriedNumbers: 0,
      });
    });

    it('does not count as avoidance by the borrower', () => {
      const phones = [phone(call(3, 'wrong_person'), call(2, 'wrong_person'), call(1, 'wrong_person'))];
      expect(status(phones)).toBe('unknown');
    });

    it('keeps the borrower out of objective_lost while that line works', () => {
      const phones = [phone(call(3, 'disconnected')), phone(call(1, 'wrong_person'))];
      expect(assessLostContact(phones, NOW)).toMatchObject({ status: 'unknown', workingNumbers: 1, deadNumbers: 1 });
    });

    it('leaves avoidance on another working number standing', () => {
      const phones = [phone(call(1, 'wrong_person')), phone(call(4, 'no_answer'), call(3, 'rejected'), call(2, 'busy'))];
      expect(assessLostContact(phones, NOW)).toMatchObject({ status: 'subjective_lost', workingNumbers: 2 });
    });
  });

  describe('unknown for too little evidence', () => {
    it('when only switched-off results exist', () => {
      expect(assessLostContact([phone(call(2, 'powered_off')), phone(call(1, 'powered_off'))], NOW)).toEqual({
        status: 'unknown',
        reason: '2 numbers have only been found switched off; call again to learn whether they work.',
        workingNumbers: 0,
        deadNumbers: 0,
        untriedNumbers: 0,
      });
    });

    it('when a working number has too few misses and other numbers are untried', () => {
      const phones = [phone(call(1, 'no_answer')), phone(), phone()];
      expect(assessLostContact(phones, NOW)).toEqual({
        status: 'unknown',
        reason: '2 of 3 numbers have not been tried yet; call them before judging.',
        workingNumbers: 1,
        deadNumbers: 0,
        untriedNumbers: 2,
      });
    });

    it('when the only answer has aged out and nothing recent has been tried', () => {
      expect(status([phone(call(45, 'answered'))])).toBe('unknown');
    });
  });

  describe('transitions over time', () => {
    it('reachable turns subjective_lost as the answer ages out of the window', () => {
      const history = phone(call(0, 'answered'), call(-5, 'no_answer'), call(-10, 'rejected'), call(-20, 'busy'));
      // Attempts at negative days lie in the future of NOW; move `now` forward to replay them.
      expect(status([history], NOW)).toBe('reachable');
      expect(status([history], daysAgo(-21))).toBe('reachable');
      expect(status([history], daysAgo(-30))).toBe('reachable');
      expect(status([history], new Date(daysAgo(-30).getTime() + 1))).toBe('subjective_lost');
    });

    it('subjective_lost turns unknown once the misses also age out', () => {
      const history = phone(call(0, 'no_answer'), call(-1, 'no_answer'), call(-2, 'no_answer'));
      expect(status([history], daysAgo(-2))).toBe('subjective_lost');
      expect(status([history], daysAgo(-30))).toBe('subjective_lost');
      expect(status([history], new Date(daysAgo(-30).getTime() + 1))).toBe('unknown');
    });

    it('subjective_lost turns objective_lost when the last working number is disconnected', () => {
      const dead = phone(call(10, 'invalid_number'));
      const avoided = phone(call(5, 'no_answer'), call(4, 'rejected'), call(3, 'busy'));
      expect(status([dead, avoided])).toBe('subjective_lost');
      const disconnected = { ...avoided, attempts: [...avoided.attempts, call(1, 'disconnected')] };
      expect(assessLostContact([dead, disconnected], NOW)).toMatchObject({
        status: 'objective_lost',
        workingNumbers: 0,
        deadNumbers: 2,
      });
    });

    it('objective_lost turns unknown when a repair adds a new number, then reachable when it answers', () => {
      const dead = [phone(call(20, 'disconnected')), phone(call(15, 'invalid_number'))];
      expect(status(dead)).toBe('objective_lost');
      expect(status([...dead, phone()])).toBe('unknown');
      expect(assessLostContact([...dead, phone(call(1, 'answered'))], NOW)).toMatchObject({
        status: 'reachable',
        workingNumbers: 1,
        deadNumbers: 2,
        untriedNumbers: 0,
      });
    });

    it('objective_lost turns reachable when a dead number is reassigned back and answers', () => {
      expect(status([phone(call(20, 'disconnected'), call(1, 'answered'))])).toBe('reachable');
    });
  });

  describe('options', () => {
    it.each([
      [{ recentDays: 0 }, 'recentDays: must be a positive number'],
      [{ recentDays: -3 }, 'recentDays: must be a positive number'],
      [{ recentDays: Number.NaN }, 'recentDays: must be a positive number'],
      [{ recentDays: Number.POSITIVE_INFINITY }, 'recentDays: must be a positive number'],
      [{ unansweredToSubjective: 0 }, 'unansweredToSubjective: must be a positive whole number'],
      [{ unansweredToSubjective: 2.5 }, 'unansweredToSubjective: must be a positive whole number'],
    ])('rejects %j', (options, message) => {
      expect(() => assessLostContact([phone(call(1, 'answered'))], NOW, options)).toThrow(message);
    });

    it('accepts a fractional window in days', () => {
      const phones = [phone(call(0.6, 'answered'))];
      expect(status(phones, NOW, { recentDays: 0.5 })).toBe('unknown');
      expect(status(phones, NOW, { recentDays: 1.5 })).toBe('reachable');
    });
  });

  it('does not modify its input', () => {
    const phones = [phone(call(3, 'answered'), call(1, 'disconnected')), phone()];
    const snapshot = structuredClone(phones);
    assessLostContact(phones, NOW);
    expect(phones).toEqual(snapshot);
  });
});
