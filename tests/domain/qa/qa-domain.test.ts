import { describe, expect, it } from 'vitest';
import { QA_LABELS, QA_QUESTION_LENGTH, QA_TEXT_MAX } from '../../../src/lib/domain/limits';
import { mayDo, openFor } from '../../../src/lib/domain/qa/access';
import {
	afterQuestionChange,
	changeEvent,
	newQaCode,
	normaliseQaCode,
	QA_CODE_PATTERN
} from '../../../src/lib/domain/qa/event';
import { publicQuestions, voteAllowed } from '../../../src/lib/domain/qa/listing';
import { draftQuestion, moderate, type QaQuestion } from '../../../src/lib/domain/qa/question';
import {
	DEFAULT_QA_SETTINGS,
	qaSettingsSchema,
	type QaSettings
} from '../../../src/lib/domain/qa/settings';
import { cleanQaText, normaliseQaText } from '../../../src/lib/domain/qa/text';
import { createTextGuard, defaultTextGuard } from '../../../src/lib/domain/text-safety';
import { qaEvent } from '../../support/qa-fixtures';

const meta = (id = 'q1', participantId = 'p1', now = 1000) => ({ id, participantId, now });
const ask = (
	text: string,
	s: Partial<QaSettings> = {},
	name: string | null = null,
	label: string | null = null
) =>
	draftQuestion({ text, name, label }, { ...DEFAULT_QA_SETTINGS, ...s }, defaultTextGuard, meta());

function asked(text = '灭火器多久检查一次？', s: Partial<QaSettings> = {}): QaQuestion {
	const out = ask(text, s);
	if (!out.ok) throw new Error(out.code);
	return out.question;
}

describe('Q&A settings', () => {
	it('defaults: no pre-moderation, anonymous allowed, 300 characters, counts shown', () => {
		expect(DEFAULT_QA_SETTINGS).toEqual({
			preModeration: false,
			anonymousAllowed: true,
			namesRequired: false,
			questionMaxLength: QA_QUESTION_LENGTH.default,
			labels: [],
			showVoteCounts: true
		});
	});

	it('refuses a length limit above the maximum, more than 20 labels and duplicate labels', () => {
		expect(
			qaSettingsSchema.safeParse({ questionMaxLength: QA_QUESTION_LENGTH.max + 1 }).success
		).toBe(false);
		expect(qaSettingsSchema.safeParse({ questionMaxLength: QA_QUESTION_LENGTH.max }).success).toBe(
			true
		);
		const many = Array.from({ length: QA_LABELS.max + 1 }, (_, i) => `标签${i}`);
		expect(qaSettingsSchema.safeParse({ labels: many }).success).toBe(false);
		expect(qaSettingsSchema.safeParse({ labels: many.slice(1) }).success).toBe(true);
		expect(qaSettingsSchema.safeParse({ labels: ['消防', ' 消防 '] }).success).toBe(false);
	});

	it('normalises labels as text', () => {
		const s = qaSettingsSchema.parse({ labels: ['  消防 ', '危化\u200b品', '交通'] });
		expect(s.labels).toEqual(['消防', '危化品', '交通']);
	});
});

describe('Q&A text', () => {
	it('drops bidi, zero-width and control characters and keeps markup as plain text', () => {
		expect(normaliseQaText('a\u202eb\u200bc\u0007d')).toBe('abcd');
		expect(normaliseQaText('<b>火</b> <script>x</script>')).toBe('<b>火</b> <script>x</script>');
		expect(normaliseQaText('  一行\n\n\n  二行  \t 末 ')).toBe('一行\n二行 末');
		expect(normaliseQaText('x\ud800y')).toBe('xy');
	});

	it('counts the length after normalisation, in characters', () => {
		const invisible = '\u200b'.repeat(500);
		expect(cleanQaText(`${'火'.repeat(300)}${invisible}`, 300)).toEqual({
			ok: true,
			text: '火'.repeat(300)
		});
		expect(cleanQaText('火'.repeat(301), 300)).toEqual({ ok: false, code: 'QA_TEXT_LENGTH' });
		expect(cleanQaText('😀'.repeat(300), 300).ok).toBe(true);
		expect(cleanQaText('\u200b \u202e', 300)).toEqual({ ok: false, code: 'QA_TEXT_EMPTY' });
	});
});

describe('asking', () => {
	it('publishes at once without pre-moderation, holds with it', () => {
		expect(asked().status).toBe('published');
		expect(asked('问题', { preModeration: true }).status).toBe('pending');
	});

	it('the word filter holds a question even without pre-moderation and says what matched', () => {
		const q = asked('法 轮 功 怎么办');
		expect(q.status).toBe('pending');
		expect(q.held).toEqual(['法轮功']);
		const org = createTextGuard({ extraWords: ['某某化工'] });
		const out = draftQuestion(
			{ text: '某某化工的事故', name: null, label: null },
			DEFAULT_QA_SETTINGS,
			org,
			meta()
		);
		expect(out.ok && out.question.held).toEqual(['某某化工']);
		expect(asked('死角如何排查？').held).toEqual([]);
	});

	it('names: required, anonymous off, invalid', () => {
		expect(ask('问', { namesRequired: true })).toEqual({ ok: false, code: 'QA_NAME_REQUIRED' });
		expect(ask('问', { anonymousAllowed: false })).toEqual({ ok: false, code: 'QA_ANONYMOUS_OFF' });
		expect(ask('问', { anonymousAllowed: false }, '  ')).toEqual({
			ok: false,
			code: 'QA_ANONYMOUS_OFF'
		});
		expect(ask('问', {}, 'x'.repeat(QA_TEXT_MAX.askerName + 1))).toEqual({
			ok: false,
			code: 'QA_NAME_INVALID'
		});
		// A name of invisible characters only is no name.
		expect(ask('问', { namesRequired: true }, '\u200b\u202e')).toEqual({
			ok: false,
			code: 'QA_NAME_REQUIRED'
		});
		const blank = ask('问', {}, '\u200b');
		expect(blank.ok && blank.question.authorName).toBeNull();
		const named = ask('问', { namesRequired: true }, ' 张\u200b三 ');
		expect(named.ok && named.question.authorName).toBe('张三');
	});

	it('labels must be the event’s', () => {
		expect(ask('问', { labels: ['消防'] }, null, '交通')).toEqual({
			ok: false,
			code: 'QA_LABEL_UNKNOWN'
		});
		const out = ask('问', { labels: ['消防'] }, null, '消防');
		expect(out.ok && out.question.label).toBe('消防');
	});

	it('the event’s length limit applies', () => {
		expect(ask('火'.repeat(51), { questionMaxLength: 50 })).toEqual({
			ok: false,
			code: 'QA_TEXT_LENGTH'
		});
	});
});

describe('moderation', () => {
	const pending = asked('问题', { preModeration: true });

	it('approve, answer, archive; reject with a reason', () => {
		const pub = moderate(pending, { type: 'approve' }, 2000);
		expect(pub.ok && pub.question.status).toBe('published');
		if (!pub.ok) return;
		expect(pub.question.version).toBe(pending.version + 1);
		const ans = moderate(
			pub.question,
			{ type: 'answer', text: ' 每月一次 ', expert: '市应急管理局 安全生产专家' },
			3000
		);
		expect(ans.ok && ans.question).toMatchObject({
			status: 'answered',
			answer: { text: '每月一次', expert: '市应急管理局 安全生产专家', at: 3000 }
		});
		const arch = moderate(pub.question, { type: 'archive' }, 3000);
		expect(arch.ok && arch.question.status).toBe('archived');
		const rej = moderate(pending, { type: 'reject', reason: '与主题无关' }, 2000);
		expect(rej.ok && rej.question).toMatchObject({
			status: 'rejected',
			rejectReason: '与主题无关'
		});
	});

	it('refuses a moderation from the wrong status and answers that are too long', () => {
		expect(moderate(pending, { type: 'star', starred: true }, 1)).toEqual({
			ok: false,
			code: 'QA_WRONG_STATUS'
		});
		expect(moderate(pending, { type: 'archive' }, 1)).toEqual({
			ok: false,
			code: 'QA_WRONG_STATUS'
		});
		const pub = asked();
		expect(
			moderate(pub, { type: 'answer', text: 'x'.repeat(QA_TEXT_MAX.answer + 1), expert: null }, 1)
		).toEqual({
			ok: false,
			code: 'QA_TEXT_LENGTH'
		});
		expect(
			moderate(pub, { type: 'answer', text: 'x'.repeat(QA_TEXT_MAX.answer), expert: null }, 1).ok
		).toBe(true);
		expect(moderate(pub, { type: 'approve' }, 1)).toEqual({ ok: false, code: 'QA_WRONG_STATUS' });
	});
});

describe('the event', () => {
	const event = qaEvent('ABCDEF', { orgId: 'o', createdBy: 'u', title: 't', createdAt: 0 });
	const a = { ...asked(), id: 'a' };
	const b = { ...asked(), id: 'b' };
	const held = { ...asked('问', { preModeration: true }), id: 'h' };
	const find = (id: string) => [a, b, held].find((q) => q.id === id) ?? null;

	it('one pinned question at a time, only a public one', () => {
		const one = changeEvent(event, { type: 'pin', questionId: 'a' }, find);
		expect(one.ok && one.event.pinnedId).toBe('a');
		if (!one.ok) return;
		const two = changeEvent(one.event, { type: 'pin', questionId: 'b' }, find);
		expect(two.ok && two.event.pinnedId).toBe('b');
		expect(changeEvent(event, { type: 'pin', questionId: 'h' }, find)).toEqual({
			ok: false,
			code: 'QA_WRONG_STATUS'
		});
		expect(changeEvent(event, { type: 'pin', questionId: 'zz' }, find)).toEqual({
			ok: false,
			code: 'QA_QUESTION_NOT_FOUND'
		});
	});

	it('up next takes published questions once each; a question leaving is unpinned and dequeued', () => {
		const q = changeEvent(event, { type: 'upNext', questionIds: ['b', 'a'] }, find);
		expect(q.ok && q.event.upNext).toEqual(['b', 'a']);
		expect(changeEvent(event, { type: 'upNext', questionIds: ['a', 'a'] }, find).ok).toBe(false);
		expect(changeEvent(event, { type: 'upNext', questionIds: ['h'] }, find).ok).toBe(false);
		const pinned = { ...event, pinnedId: 'a', upNext: ['a', 'b'] };
		const archived = moderate(a, { type: 'archive' }, 5);
		if (!archived.ok) throw new Error();
		expect(afterQuestionChange(pinned, archived.question)).toMatchObject({
			pinnedId: null,
			upNext: ['b']
		});
		expect(afterQuestionChange(pinned, b)).toBeNull();
	});

	it('codes are six unambiguous characters; typed codes are forgiven case and dashes', () => {
		let i = 0;
		const code = newQaCode((n) => i++ % n);
		expect(code).toMatch(QA_CODE_PATTERN);
		expect(QA_CODE_PATTERN.test('ABCD0F')).toBe(false);
		expect(normaliseQaCode('abc-def')).toBe('ABCDEF');
	});
});

describe('listing and access', () => {
	const q = (id: string, createdAt: number, extra: Partial<QaQuestion> = {}): QaQuestion => ({
		...asked(),
		id,
		createdAt,
		...extra
	});
	const all = [
		q('a', 1, { label: '消防' }),
		q('b', 2),
		q('c', 3, { status: 'pending' }),
		q('d', 4, { status: 'rejected' }),
		q('e', 5, { participantId: 'bad' }),
		q('f', 6, { status: 'answered', label: '消防' }),
		q('g', 7, { status: 'archived' })
	];
	const votes = (id: string) => ({ a: 5, b: 5, f: 1 })[id] ?? 0;

	it('the public sees published and answered questions by people not banned, sorted and filtered', () => {
		const banned = new Set(['bad']);
		const ids = (l: QaQuestion[]) => l.map((x) => x.id);
		expect(ids(publicQuestions(all, votes, { sort: 'popular', label: null, banned }))).toEqual([
			'b',
			'a',
			'f'
		]);
		expect(ids(publicQuestions(all, votes, { sort: 'newest', label: null, banned }))).toEqual([
			'f',
			'b',
			'a'
		]);
		expect(ids(publicQuestions(all, votes, { sort: 'newest', label: '消防', banned }))).toEqual([
			'f',
			'a'
		]);
		expect(
			ids(publicQuestions(all, votes, { sort: 'newest', label: null, banned: new Set() }))
		).toContain('e');
		expect(voteAllowed(all[0]!, 'p2', banned)).toBe(true);
		expect(voteAllowed(all[0]!, 'bad', banned)).toBe(false);
		expect(voteAllowed(all[2]!, 'p2', banned)).toBe(false);
	});

	it('participants ask and vote; moderators moderate; a closed event takes no questions', () => {
		expect(mayDo('participant', 'ask')).toBe(true);
		expect(mayDo('participant', 'approve')).toBe(false);
		expect(mayDo('moderator', 'ban')).toBe(true);
		expect(openFor('ask', true)).toBe(false);
		expect(openFor('vote', true)).toBe(false);
		expect(openFor('answer', true)).toBe(true);
	});
});
