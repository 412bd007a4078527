// A phone in a Q&A event, driven by a fake socket: the first visit joins and keeps the token, a
// reload resumes as the same participant (votes and poll answers restored), a lost token joins
// afresh, counts only move forward whatever order frames come in, a refused vote is taken back on
// the button, a ban ends the page and forgets the token.
import { afterEach, describe, expect, it } from 'vitest';
import { AudienceSession, qaTokenKey } from '../../src/lib/client/qa/audience-session.svelte';
import type { QaPublicView } from '../../src/lib/protocol';
import { publicQuestion, publicView } from '../support/qa-fixtures';
import { FakeSocket, memoryStorage, settle } from './fake-socket';

const CODE = 'ABC234';
const question = (id: string, votes: number) => publicQuestion(id, votes);
const view = (patch: Partial<QaPublicView> = {}) =>
	publicView(CODE, { questions: [question('q1', 3), question('q2', 1)], ...patch });

let session: AudienceSession | null = null;
afterEach(() => session?.close());

function start(tokens = memoryStorage()) {
	const socket = new FakeSocket();
	session = new AudienceSession(socket.client, CODE, tokens, () => 0);
	session.listen();
	return { socket, session, tokens };
}

const votesOf = (s: AudienceSession) =>
	Object.fromEntries(s.view!.questions.map((q) => [q.id, q.votes]));

describe('Q&A audience session', () => {
	it('joins on the first visit and keeps the signed token on the device', async () => {
		const { socket, session, tokens } = start();
		socket.answer('qa:join', () => ({
			ok: true,
			token: 'signed-token',
			participantId: 'p1',
			view: view(),
			mine: []
		}));
		socket.connect();
		await settle();
		expect(session.stage).toBe('ready');
		expect(session.view?.title).toBe('专家云问诊');
		expect(tokens.getItem(qaTokenKey(CODE))).toBe('signed-token');
		expect(socket.sent('qa:resume')).toEqual([]);
	});

	it('resumes with the stored token after a reload, votes and poll answers restored', async () => {
		const { socket, session } = start(memoryStorage({ [qaTokenKey(CODE)]: 'kept' }));
		socket.answer('qa:resume', () => ({
			ok: true,
			participantId: 'p1',
			view: view(),
			mine: [],
			voted: ['q2'],
			responses: [{ pollId: 'poll1', choices: [1], words: [] }]
		}));
		socket.connect();
		await settle();
		expect(socket.sent('qa:resume')).toEqual([{ code: CODE, token: 'kept' }]);
		expect(socket.sent('qa:join')).toEqual([]);
		expect([...session.voted]).toEqual(['q2']);
		expect(session.responses.poll1?.choices).toEqual([1]);
	});

	it('joins afresh when the stored token is no longer valid', async () => {
		const { socket, session, tokens } = start(memoryStorage({ [qaTokenKey(CODE)]: 'old' }));
		socket
			.answer('qa:resume', () => ({
				ok: false,
				error: { code: 'QA_BAD_TOKEN', message: '身份已失效，请重新加入活动' }
			}))
			.answer('qa:join', () => ({
				ok: true,
				token: 'new',
				participantId: 'p2',
				view: view(),
				mine: []
			}));
		socket.connect();
		await settle();
		expect(session.stage).toBe('ready');
		expect(tokens.getItem(qaTokenKey(CODE))).toBe('new');
	});

	it('says plainly when the event does not exist', async () => {
		const { socket, session } = start();
		socket.answer('qa:join', () => ({
			ok: false,
			error: { code: 'QA_NOT_FOUND', message: '活动不存在，请检查活动码' }
		}));
		socket.connect();
		await settle();
		expect(session.stage).toBe('gone');
		expect(session.goneError?.message).toBe('活动不存在，请检查活动码');
	});

	it('keeps the newest count whatever order views and frames arrive in', async () => {
		const { socket, session } = start();
		socket.answer('qa:join', () => ({
			ok: true,
			token: 't',
			participantId: 'p1',
			view: view(),
			mine: []
		}));
		socket.connect();
		await settle();
		socket.emit('qa:votes', { code: CODE, seq: 14, votes: { q1: 7 } });
		expect(votesOf(session)).toEqual({ q1: 7, q2: 1 });
		// An older frame (another process was slower) changes nothing.
		socket.emit('qa:votes', { code: CODE, seq: 12, votes: { q1: 5, q2: 2 } });
		expect(votesOf(session)).toEqual({ q1: 7, q2: 2 });
		// A view read before the last frame keeps the frame's count; a newer one wins.
		socket.emit(
			'qa:view',
			view({ votesSeq: 13, questions: [question('q1', 6), question('q2', 2)] })
		);
		expect(votesOf(session)).toEqual({ q1: 7, q2: 2 });
		socket.emit(
			'qa:view',
			view({ votesSeq: 20, questions: [question('q1', 9), question('q2', 0)] })
		);
		expect(votesOf(session)).toEqual({ q1: 9, q2: 0 });
	});

	it('presses the vote button at once and releases it when the vote is refused', async () => {
		const { socket, session } = start();
		socket
			.answer('qa:join', () => ({
				ok: true,
				token: 't',
				participantId: 'p1',
				view: view(),
				mine: []
			}))
			.answer('qa:vote', () => ({
				ok: false,
				error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' }
			}))
			.hold('qa:vote');
		socket.connect();
		await settle();
		const q1 = session.view!.questions[0]!;
		const voting = session.toggleVote(q1);
		expect(session.voted.has('q1')).toBe(true);
		socket.release('qa:vote');
		const out = await voting;
		expect(out.ok).toBe(false);
		expect(session.voted.has('q1')).toBe(false);
	});

	it('applies only newer poll results to the poll on show', async () => {
		const poll = {
			id: 'poll1',
			kind: 'single' as const,
			question: '家里有灭火器吗？',
			options: ['有', '没有'],
			maxChoices: 1,
			open: true,
			resultsVisible: true,
			results: { kind: 'choice' as const, counts: [1, 0], respondents: 1 },
			seq: 3
		};
		const { socket, session } = start();
		socket.answer('qa:join', () => ({
			ok: true,
			token: 't',
			participantId: 'p1',
			view: view({ poll }),
			mine: []
		}));
		socket.connect();
		await settle();
		const frame = (seq: number, counts: number[]) => ({
			code: CODE,
			pollId: 'poll1',
			seq,
			results: { kind: 'choice' as const, counts, respondents: counts[0]! + counts[1]! }
		});
		socket.emit('qa:poll', frame(5, [4, 2]));
		socket.emit('qa:poll', frame(4, [3, 1]));
		expect(session.view?.poll?.results).toEqual({ kind: 'choice', counts: [4, 2], respondents: 6 });
	});

	it('ends the page and forgets the identity when banned', async () => {
		const { socket, session, tokens } = start();
		socket.answer('qa:join', () => ({
			ok: true,
			token: 't',
			participantId: 'p1',
			view: view(),
			mine: []
		}));
		socket.connect();
		await settle();
		socket.emit('qa:banned');
		expect(session.stage).toBe('banned');
		expect(tokens.getItem(qaTokenKey(CODE))).toBeNull();
	});
});
