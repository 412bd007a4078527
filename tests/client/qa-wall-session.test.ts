// The Q&A wall's session, driven by a fake socket: it watches on every connection, reconnects after
// the server's own disconnect, keeps each vote count and the poll's results at the newest sequence
// whatever order views and frames arrive in, and tells a code that never existed from an event
// that is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { QaWallSession } from '../../src/lib/client/qa/wall-session.svelte';
import type { QaPublicPoll, QaPublicQuestion, QaPublicView } from '../../src/lib/protocol';
import { publicQuestion, publicView } from '../support/qa-fixtures';
import { FakeSocket, settle } from './fake-socket';

const CODE = 'AB12CD';

function question(id: string, votes: number | null, patch: Partial<QaPublicQuestion> = {}) {
	return publicQuestion(id, votes, { createdAt: Number(id.replace(/\D/g, '')) || 0, ...patch });
}

function poll(patch: Partial<QaPublicPoll> = {}): QaPublicPoll {
	return {
		id: 'p1',
		kind: 'single',
		question: '你家里配了灭火器吗？',
		options: ['有', '没有'],
		maxChoices: 1,
		open: true,
		resultsVisible: true,
		results: { kind: 'choice', counts: [1, 0], respondents: 1 },
		seq: 1,
		...patch
	};
}

function wallView(patch: Partial<QaPublicView> = {}): QaPublicView {
	return publicView(CODE, { questions: [question('q1', 3), question('q2', 1)], ...patch });
}

const notFound = {
	ok: false,
	error: { code: 'QA_NOT_FOUND', message: '活动不存在，请检查活动码' }
};

let session: QaWallSession | null = null;
afterEach(() => session?.close());

function start(first: QaPublicView = wallView()) {
	const socket = new FakeSocket();
	session = new QaWallSession(socket.client, CODE, {
		retryDelayMs: () => 0,
		refusedDelayMs: () => 0
	});
	session.listen();
	socket.answer('qa:watch', () => ({ ok: true, view: first }));
	return { socket, session };
}

const votesOf = (s: QaWallSession) => s.questions.map((q) => [q.id, q.votes]);

describe('QaWallSession', () => {
	it('watches the code on connecting and shows the questions, most votes first', async () => {
		const { socket, session } = start(
			wallView({ questions: [question('q1', 1), question('q2', 4)] })
		);
		socket.connect();
		await settle();
		expect(socket.sent('qa:watch')).toEqual([{ code: CODE }]);
		expect(session.view?.title).toBe('专家云问诊');
		expect(votesOf(session)).toEqual([
			['q2', 4],
			['q1', 1]
		]);
	});

	it('watches again after every reconnection, the server’s own disconnect included', async () => {
		const { socket, session } = start();
		socket.connect();
		await settle();
		socket.drop('transport close');
		expect(session.offline).toBe(true);
		socket.connect();
		await settle();
		expect(session.offline).toBe(false);
		socket.drop('io server disconnect');
		await settle();
		await settle();
		expect(socket.connects).toBe(3);
		expect(socket.sent('qa:watch')).toHaveLength(3);
	});

	it('applies a vote frame only when it is newer than the count it would replace', async () => {
		const { socket, session } = start();
		socket.connect();
		await settle();
		socket.emit('qa:votes', { code: CODE, seq: 12, votes: { q2: 5 } });
		expect(votesOf(session)).toEqual([
			['q2', 5],
			['q1', 3]
		]);
		// An older frame (another process's, late) and one as old as the view change nothing.
		socket.emit('qa:votes', { code: CODE, seq: 11, votes: { q2: 4 } });
		socket.emit('qa:votes', { code: CODE, seq: 10, votes: { q1: 2 } });
		expect(votesOf(session)).toEqual([
			['q2', 5],
			['q1', 3]
		]);
		// A view read before the newest frame keeps the frame's count; its other counts apply.
		socket.emit(
			'qa:view',
			wallView({ votesSeq: 11, questions: [question('q1', 4), question('q2', 4)] })
		);
		expect(votesOf(session)).toEqual([
			['q2', 5],
			['q1', 4]
		]);
		// A view read later wins.
		socket.emit(
			'qa:view',
			wallView({ votesSeq: 20, questions: [question('q1', 6), question('q2', 2)] })
		);
		expect(votesOf(session)).toEqual([
			['q1', 6],
			['q2', 2]
		]);
	});

	it('a count that came before its question keeps its place when the older view arrives', async () => {
		const { socket, session } = start();
		socket.connect();
		await settle();
		socket.emit('qa:votes', { code: CODE, seq: 15, votes: { q3: 7 } });
		socket.emit(
			'qa:view',
			wallView({ votesSeq: 14, questions: [question('q1', 3), question('q3', 6)] })
		);
		expect(votesOf(session)[0]).toEqual(['q3', 7]);
	});

	it('shows the pinned question apart and the top ones without it; hidden counts stay hidden', async () => {
		const { socket, session } = start(wallView({ pinnedId: 'q1' }));
		socket.connect();
		await settle();
		expect(session.pinned?.id).toBe('q1');
		expect(session.top(5).map((q) => q.id)).toEqual(['q2']);
		socket.emit(
			'qa:view',
			wallView({ votesSeq: 30, questions: [question('q1', null)], pinnedId: null })
		);
		expect(session.pinned).toBeNull();
		expect(votesOf(session)).toEqual([['q1', null]]);
	});

	it('applies poll frames newer than the poll’s results, and none while its results are hidden', async () => {
		const { socket, session } = start(wallView({ poll: poll() }));
		socket.connect();
		await settle();
		const frame = (seq: number, counts: number[]) => ({
			code: CODE,
			pollId: 'p1',
			seq,
			results: { kind: 'choice' as const, counts, respondents: counts[0]! + counts[1]! }
		});
		socket.emit('qa:poll', frame(3, [3, 2]));
		socket.emit('qa:poll', frame(2, [2, 1]));
		expect(session.poll?.results).toEqual({ kind: 'choice', counts: [3, 2], respondents: 5 });
		// A view read before that frame keeps the frame's results.
		socket.emit('qa:view', wallView({ poll: poll({ seq: 2, results: frame(2, [2, 1]).results }) }));
		expect(session.poll?.results).toMatchObject({ counts: [3, 2] });
		// Another poll's frame does not touch this one.
		socket.emit('qa:poll', { ...frame(9, [9, 9]), pollId: 'p2' });
		expect(session.poll?.results).toMatchObject({ counts: [3, 2] });
		// The host hides the results: a late frame does not show them.
		socket.emit(
			'qa:view',
			wallView({ poll: poll({ seq: 3, resultsVisible: false, results: null }) })
		);
		socket.emit('qa:poll', frame(4, [4, 2]));
		expect(session.poll?.results).toBeNull();
		socket.emit('qa:view', wallView({ poll: null }));
		expect(session.poll).toBeNull();
	});

	it('shows the refusal for a code it never showed, and says an event it showed is gone', async () => {
		const { socket, session } = start();
		socket.answer('qa:watch', () => notFound);
		socket.connect();
		await settle();
		expect(session.error?.code).toBe('QA_NOT_FOUND');
		expect(session.lost).toBe(false);

		const second = start();
		second.socket.connect();
		await settle();
		second.socket.drop('transport close');
		second.socket.answer('qa:watch', () => notFound);
		second.socket.connect();
		await settle();
		expect(second.session.lost).toBe(true);
		expect(second.session.error).toBeNull();
		// Gone for good: the server's own disconnect is not retried.
		second.socket.drop('io server disconnect');
		await settle();
		expect(second.socket.connects).toBe(2);
		session.close();
	});

	it('watches again by itself after a refusal that may pass, keeping what it showed', async () => {
		const { socket, session } = start();
		socket.connect();
		await settle();
		socket.drop('transport close');
		let refuse = true;
		socket.answer('qa:watch', () =>
			refuse
				? { ok: false, error: { code: 'RATE_LIMITED', message: '查询过于频繁，请稍后再试' } }
				: { ok: true, view: wallView({ title: '回来了' }) }
		);
		socket.connect();
		await settle();
		expect(session.error?.code).toBe('RATE_LIMITED');
		expect(session.view?.title).toBe('专家云问诊');
		refuse = false;
		await settle();
		await settle();
		expect(socket.sent('qa:watch')).toHaveLength(3);
		expect(session.error).toBeNull();
		expect(session.view?.title).toBe('回来了');
	});

	it('shows a closed event as closed', async () => {
		const { socket, session } = start();
		socket.connect();
		await settle();
		socket.emit('qa:view', wallView({ closed: true }));
		expect(session.view?.closed).toBe(true);
	});
});
