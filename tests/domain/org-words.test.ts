// An organisation's word list as typed in its textarea: one word per line, cleaned, kept once.
import { describe, expect, it } from 'vitest';
import { ORG_WORDS, parseWordList } from '../../src/lib/domain/org-words';

describe('organisation word lists', () => {
	it('keeps one cleaned word per line, in order, without blanks or repeats (look-alikes and case folded)', () => {
		expect(
			parseWordList(' 化工园区 \r\n\n\u200bZhang  San\nzhang san\nＺｈａｎｇ Ｓａｎ\n化工园区\n---')
		).toEqual({ ok: true, words: ['化工园区', 'Zhang San'] });
		expect(parseWordList('')).toEqual({ ok: true, words: [] });
	});

	it('refuses a word over the length and a list over the count, saying which', () => {
		const long = parseWordList(`好词\n${'长'.repeat(ORG_WORDS.length + 1)}`);
		expect(long).toMatchObject({ ok: false, message: expect.stringContaining('每个词最多') });
		const many = Array.from({ length: ORG_WORDS.max + 1 }, (_, i) => `词${i}`).join('\n');
		expect(parseWordList(many)).toMatchObject({
			ok: false,
			message: expect.stringContaining('最多')
		});
		const exactly = Array.from({ length: ORG_WORDS.max }, (_, i) => `词${i}`).join('\n');
		expect(parseWordList(exactly).ok).toBe(true);
	});
});
