// Hostile clients: every client event gets malformed, mistyped, oversized, polluting and out-of-range
// payloads, from unbound and from bound sockets. Each is refused with a known error code and a
// message, nothing in the room changes, and the server keeps serving. Also: no ack, the rate limit,
// an oversized frame and an unknown event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ERROR_CODES,
	type AckResult,
	type ErrorCode,
	type RoomClientEvents
} from '../../src/lib/protocol';
import type { RoomState } from '../../src/lib/domain/room';
import { slowQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	command,
	connect,
	emitAck,
	expectFail,
	expectOk,
	joinPlayer,
	liveModes,
	requireMode,
	sleep,
	startTestServer,
	until,
	waitFor,
	within,
	type ClientSocket,
	type TestHost,
	type TestPlayer,
	type TestServer
} from '../support/server';

const modes = await liveModes('hostile.test.ts');

/**
 * Every quiz-room client event; `satisfies` fails to compile when the room's protocol gains one not
 * listed here. The Q&A surface’s hostile payloads are in qa-limits.test.ts.
 */
type ClientEvent = keyof RoomClientEvents;
const EVENTS = {
	'player:join': true,
	'player:resume': true,
	'player:answer': true,
	'player:teams': true,
	'player:buzz': true,
	'player:stake': true,
	'host:attach': true,
	'host:command': true,
	'host:kick': true,
	'host:players': true,
	'host:addCoHost': true,
	'screen:attach': true
} as const satisfies Record<ClientEvent, true>;
const ALL_EVENTS = Object.keys(EVENTS) as ClientEvent[];

type Case = [label: string, payload: unknown, codes?: ErrorCode[]];

function nested(depth: number): unknown {
	let o: Record<string, unknown> = {};
	for (let i = 0; i < depth; i++) o = { a: o };
	return o;
}

/** Payloads no event accepts: each is refused as a bad request, whoever sends it. */
const GENERIC: Case[] = [
	['undefined', undefined],
	['null', null],
	['a number', 42],
	['NaN', NaN],
	['-Infinity', -Infinity],
	['a boolean', true],
	['a string', 'hello'],
	['an empty object', {}],
	['an array', [1, 'two', { three: 3 }]],
	['a 10 KB string', 'x'.repeat(10 * 1024)],
	['a deeply nested object', nested(1000)],
	['__proto__ keys', JSON.parse('{"__proto__": {"polluted": "yes", "role": "host"}}')],
	['constructor keys', { constructor: { prototype: { polluted: 'yes' } } }]
].map(([label, payload]) => [label as string, payload, ['BAD_REQUEST']]);

type RawEmit = (ev: string, ...args: unknown[]) => void;
const rawEmit = (s: ClientSocket): RawEmit => (s.emit as unknown as RawEmit).bind(s);

describe.each(modes)('hostile clients with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`hostile (${mode.name})`, () => {
		let server: TestServer;
		let pin: string;
		let secret: string;
		let host: TestHost;
		let victim: TestPlayer;
		let baseline: RoomState;

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
			({ pin, hostSecret: secret } = await server.createRoom(slowQuiz));
			host = await attachHost(server.url, pin, secret);
			victim = await joinPlayer(server.url, pin, 'Victim');
			await command(host, { type: 'start' });
			baseline = (await server.ctx.live.getState(pin))!;
			expect(baseline).toMatchObject({ phase: 'question', index: 0 });
		});
		afterAll(async () => {
			closeClients();
			await server?.close();
		});

		/** Nothing about the room changed: state (version included), players, answers. */
		async function expectUnchanged(what: string) {
			const live = server.ctx.live;
			expect(await live.getState(pin), `state after ${what}`).toEqual(baseline);
			expect(await live.playerCount(pin), `players after ${what}`).toBe(1);
			expect(await live.answerCount(pin, 0), `answers after ${what}`).toBe(0);
			const p = await live.getPlayer(pin, victim.playerId);
			expect(p, `victim after ${what}`).toMatchObject({ kicked: false, score: 0, streak: 0 });
		}

		// Fresh sockets every few requests, so that the per-socket rate limit stays out of the way.
		const unbound = () => connect(server.url);
		const asPlayer = async () => {
			const s = await connect(server.url);
			expectOk(await emitAck(s, 'player:resume', { pin, token: victim.token }));
			return s;
		};
		const asHost = async () => (await attachHost(server.url, pin, secret)).socket;
		const asScreen = async () => {
			const s = await connect(server.url);
			expectOk(await emitAck(s, 'screen:attach', { pin }));
			return s;
		};

		async function refuseAll(
			make: () => Promise<ClientSocket>,
			event: ClientEvent,
			cases: Case[],
			who: string
		) {
			let socket: ClientSocket | null = null;
			let used = 0;
			for (const [label, payload, codes] of cases) {
				if (!socket || used >= 12) {
					socket?.disconnect();
					socket = await make();
					used = 0;
				}
				used++;
				const what = `${event} with ${label} from ${who}`;
				const res = await emitAck(socket, event, payload);
				expect(res.ok, `${what} must be refused`).toBe(false);
				const code = expectFail(res);
				if (codes) expect(codes, `${what} refused with ${code}`).toContain(code);
				await expectUnchanged(what);
			}
			socket?.disconnect();
		}

		describe.each(ALL_EVENTS)('%s', (event) => {
			it('refuses generic hostile payloads from unbound, player, host and screen sockets', async () => {
				await refuseAll(unbound, event, GENERIC, 'an unbound socket');
				await refuseAll(asPlayer, event, GENERIC, 'the player');
				await refuseAll(asHost, event, GENERIC, 'the host');
				await refuseAll(asScreen, event, GENERIC, 'a screen');
			});

			it('refuses an ack-only emit and an emit with extra arguments', async () => {
				const s = await unbound();
				for (const args of [[], [{}, 'extra'], [[], [], []]]) {
					const res = await within(
						new Promise<unknown>((resolve) =>
							rawEmit(s)(event, ...args, (r: unknown) => resolve(r))
						),
						3000,
						`ack for ${event}`
					);
					expectFail(res as never, 'BAD_REQUEST');
				}
				await expectUnchanged(`${event} without a payload`);
			});

			it('survives an emit without an ack: nothing happens, the next request works', async () => {
				const valid: Record<ClientEvent, unknown> = {
					'player:join': { pin, nickname: 'NoAck' },
					'player:resume': { pin, token: victim.token },
					'player:answer': { index: 0, answer: { choices: [2] } },
					'player:teams': { pin },
					'player:buzz': { index: 0 },
					'player:stake': { index: 0, stake: 10 },
					'host:attach': { pin, secret },
					'host:command': { type: 'end' },
					'host:kick': { playerId: victim.playerId },
					'host:players': { offset: 0, limit: 10 },
					'host:addCoHost': { email: 'nobody@example.com' },
					'screen:attach': { pin }
				};
				// As the role the event is meant for, with a payload that would otherwise succeed.
				const s =
					event.startsWith('host:') && event !== 'host:attach'
						? await asHost()
						: await (event === 'player:answer' ? asPlayer() : unbound());
				rawEmit(s)(event, valid[event]);
				rawEmit(s)(event);
				await sleep(100);
				await expectUnchanged(`${event} without an ack`);
				// The same socket is still served.
				if (event === 'player:answer') {
					expectOk(await emitAck(s, 'player:resume', { pin, token: victim.token }));
				} else if (event.startsWith('host:') && event !== 'host:attach') {
					expectOk(await emitAck(s, 'host:attach', { pin, secret }));
				} else {
					expectOk(await emitAck(s, 'screen:attach', { pin }));
				}
				s.disconnect();
			});
		});

		it('player:join: wrong types, bad nicknames, extra fields, a second identity', async () => {
			const cases: Case[] = [
				['a numeric pin', { pin: Number(pin), nickname: 'Mallory' }, ['BAD_REQUEST']],
				['a pin array', { pin: [pin], nickname: 'Mallory' }, ['BAD_REQUEST']],
				['a 5-digit pin', { pin: pin.slice(1), nickname: 'Mallory' }, ['BAD_REQUEST']],
				['a 7-digit pin', { pin: pin + '0', nickname: 'Mallory' }, ['BAD_REQUEST']],
				['a padded pin', { pin: ` ${pin}`, nickname: 'Mallory' }, ['BAD_REQUEST']],
				['no nickname', { pin }, ['BAD_REQUEST']],
				['a numeric nickname', { pin, nickname: 42 }, ['BAD_REQUEST']],
				['a null nickname', { pin, nickname: null }, ['BAD_REQUEST']],
				['a nickname array', { pin, nickname: ['Mallory'] }, ['BAD_REQUEST']],
				['a nickname object', { pin, nickname: { toString: 'Mallory' } }, ['BAD_REQUEST']],
				['an empty nickname', { pin, nickname: '' }, ['NICKNAME_LENGTH']],
				['a blank nickname', { pin, nickname: '  \t ' }, ['NICKNAME_LENGTH', 'NICKNAME_CHARS']],
				['a 21-character nickname', { pin, nickname: 'M'.repeat(21) }, ['NICKNAME_LENGTH']],
				['a 101-character nickname', { pin, nickname: 'M'.repeat(101) }, ['BAD_REQUEST']],
				['a bidi override', { pin, nickname: 'Mal\u202eyrol' }, ['NICKNAME_CHARS']],
				['a NUL', { pin, nickname: 'Mal\u0000lory' }, ['NICKNAME_CHARS']],
				['a zero-width space', { pin, nickname: 'Mal\u200blory' }, ['NICKNAME_CHARS']],
				['an offensive nickname', { pin, nickname: 'S h i t' }, ['NICKNAME_OFFENSIVE']],
				['a taken nickname', { pin, nickname: 'VICTIM' }, ['NICKNAME_TAKEN']],
				[
					'extra fields and an unknown room',
					{ pin: '000000', nickname: 'Mallory', playerId: victim.playerId, score: 1e9 },
					['ROOM_NOT_FOUND']
				],
				['fields as an array', [pin, 'Mallory'], ['BAD_REQUEST']]
			];
			await refuseAll(unbound, 'player:join', cases, 'an unbound socket');
			// A socket that already is someone cannot also become a new player.
			const second: Case[] = [['a second identity', { pin, nickname: 'Second' }, ['BAD_REQUEST']]];
			await refuseAll(asPlayer, 'player:join', second, 'the player');
			await refuseAll(asHost, 'player:join', second, 'the host');
			await refuseAll(asScreen, 'player:join', second, 'a screen');
		});

		it('player:resume: wrong types, unknown tokens, another role', async () => {
			const cases: Case[] = [
				['a short token', { pin, token: 'short' }, ['BAD_REQUEST']],
				['a 129-character token', { pin, token: 'x'.repeat(129) }, ['BAD_REQUEST']],
				['a numeric token', { pin, token: 1234567890123456 }, ['BAD_REQUEST']],
				['an operator object', { pin, token: { $ne: null } }, ['BAD_REQUEST']],
				['an unknown token', { pin, token: 'x'.repeat(16) }, ['NOT_JOINED']],
				['the host secret', { pin, token: secret }, ['NOT_JOINED']],
				['the player id', { pin, token: victim.playerId.padEnd(16, '_') }, ['NOT_JOINED']],
				['a __proto__ token', { pin, token: '__proto__'.padEnd(16, '_') }, ['NOT_JOINED']],
				['an unknown room', { pin: '000000', token: victim.token }, ['ROOM_NOT_FOUND']],
				['extra fields', { pin, token: 'y'.repeat(16), playerId: victim.playerId }, ['NOT_JOINED']]
			];
			await refuseAll(unbound, 'player:resume', cases, 'an unbound socket');
			const taken: Case[] = [['the victim token', { pin, token: victim.token }, ['BAD_REQUEST']]];
			await refuseAll(asHost, 'player:resume', taken, 'the host');
			await refuseAll(asScreen, 'player:resume', taken, 'a screen');
		});

		it('player:answer: out-of-range choices, wrong shapes, wrong questions, unbound', async () => {
			const a = (answer: unknown, index: unknown = 0) => ({ index, answer });
			const cases: Case[] = [
				['choice 4 of 4 options', a({ choices: [4] }), ['BAD_ANSWER']],
				['choice 5 of 4 options', a({ choices: [5] }), ['BAD_ANSWER']],
				['choice 6', a({ choices: [6] }), ['BAD_REQUEST']],
				['a huge choice', a({ choices: [1e9] }), ['BAD_REQUEST']],
				['a negative choice', a({ choices: [-1] }), ['BAD_REQUEST']],
				['a fractional choice', a({ choices: [1.5] }), ['BAD_REQUEST']],
				['a NaN choice', a({ choices: [NaN] }), ['BAD_REQUEST']],
				['a string choice', a({ choices: ['2'] }), ['BAD_REQUEST']],
				['no choices', a({ choices: [] }), ['BAD_REQUEST']],
				['null choices', a({ choices: null }), ['BAD_REQUEST']],
				['two choices on a single', a({ choices: [0, 2] }), ['BAD_ANSWER']],
				['a repeated choice', a({ choices: [2, 2] }), ['BAD_ANSWER']],
				['seven choices', a({ choices: [0, 1, 2, 3, 4, 5, 0] }), ['BAD_REQUEST']],
				['text on a choice question', a({ text: 'Carbon dioxide' }), ['BAD_ANSWER']],
				['a 201-character text', a({ text: 'x'.repeat(201) }), ['BAD_REQUEST']],
				['choices and text', a({ choices: [2], text: 'x' }), ['BAD_REQUEST']],
				['a smuggled verdict', a({ choices: [2], correct: true }), ['BAD_REQUEST']],
				['smuggled points', a({ choices: [2], points: 1e6 }), ['BAD_REQUEST']],
				[
					'a __proto__ key in the answer',
					a(JSON.parse('{"choices": [2], "__proto__": {"correct": true}}')),
					['BAD_REQUEST']
				],
				['an array answer', a([2]), ['BAD_REQUEST']],
				['a number answer', a(2), ['BAD_REQUEST']],
				['no answer', { index: 0 }, ['BAD_REQUEST']],
				['no index', { answer: { choices: [2] } }, ['BAD_REQUEST']],
				['a negative index', a({ choices: [2] }, -1), ['BAD_REQUEST']],
				['a fractional index', a({ choices: [2] }, 0.5), ['BAD_REQUEST']],
				['a string index', a({ choices: [2] }, '0'), ['BAD_REQUEST']],
				['a null index', a({ choices: [2] }, null), ['BAD_REQUEST']],
				['index 10001', a({ choices: [2] }, 10001), ['BAD_REQUEST']],
				['index 9999', a({ choices: [0] }, 9999), ['WRONG_QUESTION']],
				['a later question', a({ choices: [0, 3] }, 1), ['WRONG_QUESTION', 'NO_QUESTION']],
				['a later fill-in', a({ text: 'Zorblax Quencher 7781' }, 3), ['WRONG_QUESTION']],
				['extra fields', { ...a({ choices: [9] }), playerId: 'x', elapsedMs: 0 }, ['BAD_REQUEST']]
			];
			await refuseAll(asPlayer, 'player:answer', cases, 'the player');
			const valid: Case[] = [['a valid answer', a({ choices: [2] }), ['NOT_JOINED']]];
			await refuseAll(unbound, 'player:answer', valid, 'an unbound socket');
			await refuseAll(asHost, 'player:answer', valid, 'the host');
			await refuseAll(asScreen, 'player:answer', valid, 'a screen');
		});

		it('host:attach: wrong secrets and wrong types', async () => {
			const cases: Case[] = [
				['a wrong secret', { pin, secret: 'w'.repeat(32) }, ['NOT_HOST']],
				['the player token', { pin, secret: victim.token }, ['NOT_HOST']],
				['a short secret', { pin, secret: 'short' }, ['BAD_REQUEST']],
				['a 129-character secret', { pin, secret: 's'.repeat(129) }, ['BAD_REQUEST']],
				['a boolean secret', { pin, secret: true }, ['BAD_REQUEST']],
				['an operator object', { pin, secret: { $gt: '' } }, ['BAD_REQUEST']],
				['no secret and no session', { pin }, ['NOT_SIGNED_IN']],
				['an empty secret', { pin, secret: '' }, ['BAD_REQUEST']],
				['an unknown room', { pin: '000000', secret }, ['ROOM_NOT_FOUND']],
				['extra fields', { pin, secret: 'w'.repeat(16), role: 'host' }, ['NOT_HOST']]
			];
			await refuseAll(unbound, 'host:attach', cases, 'an unbound socket');
			// The right secret on a socket that is already the player does not make it a host.
			const right: Case[] = [['the right secret', { pin, secret }, ['BAD_REQUEST']]];
			await refuseAll(asPlayer, 'host:attach', right, 'the player');
			await refuseAll(asScreen, 'host:attach', right, 'a screen');
		});

		it('host:command: unknown types, bad fields, refused transitions, no host', async () => {
			const cases: Case[] = [
				['an unknown type', { type: 'explode' }, ['BAD_REQUEST']],
				['an upper-case type', { type: 'END' }, ['BAD_REQUEST']],
				['a null type', { type: null }, ['BAD_REQUEST']],
				['a __proto__ type', { type: '__proto__' }, ['BAD_REQUEST']],
				['a constructor type', { type: 'constructor' }, ['BAD_REQUEST']],
				['addTime without seconds', { type: 'addTime' }, ['BAD_REQUEST']],
				['addTime 0', { type: 'addTime', seconds: 0 }, ['BAD_REQUEST']],
				['addTime -30', { type: 'addTime', seconds: -30 }, ['BAD_REQUEST']],
				['addTime 301', { type: 'addTime', seconds: 301 }, ['BAD_REQUEST']],
				['addTime 1.5', { type: 'addTime', seconds: 1.5 }, ['BAD_REQUEST']],
				['addTime "30"', { type: 'addTime', seconds: '30' }, ['BAD_REQUEST']],
				['addTime 1e308', { type: 'addTime', seconds: 1e308 }, ['BAD_REQUEST']],
				['addTime NaN', { type: 'addTime', seconds: NaN }, ['BAD_REQUEST']],
				['lateJoin without allow', { type: 'lateJoin' }, ['BAD_REQUEST']],
				['lateJoin "false"', { type: 'lateJoin', allow: 'false' }, ['BAD_REQUEST']],
				['lateJoin 0', { type: 'lateJoin', allow: 0 }, ['BAD_REQUEST']],
				['a command array', [{ type: 'end' }], ['BAD_REQUEST']],
				['a bare command string', 'end', ['BAD_REQUEST']],
				['start again', { type: 'start' }, ['WRONG_PHASE']],
				['resume unpaused', { type: 'resume' }, ['NOT_PAUSED']],
				['start again, forced', { type: 'start', force: true }, ['WRONG_PHASE']],
				['resume, for another room', { type: 'resume', pin: '000000' }, ['NOT_PAUSED']]
			];
			await refuseAll(asHost, 'host:command', cases, 'the host');
			const noHost: Case[] = [
				['end', { type: 'end' }, ['NOT_HOST']],
				['end with the secret', { type: 'end', pin, secret }, ['NOT_HOST']],
				['addTime', { type: 'addTime', seconds: 300 }, ['NOT_HOST']]
			];
			await refuseAll(unbound, 'host:command', noHost, 'an unbound socket');
			await refuseAll(asPlayer, 'host:command', noHost, 'the player');
			await refuseAll(asScreen, 'host:command', noHost, 'a screen');
		});

		it('host:kick: bad ids, unknown players, no host', async () => {
			const cases: Case[] = [
				['an empty id', { playerId: '' }, ['BAD_REQUEST']],
				['a 65-character id', { playerId: 'x'.repeat(65) }, ['BAD_REQUEST']],
				['a numeric id', { playerId: 123 }, ['BAD_REQUEST']],
				['a null id', { playerId: null }, ['BAD_REQUEST']],
				['an id array', { playerId: [victim.playerId] }, ['BAD_REQUEST']],
				['an operator object', { playerId: { $ne: null } }, ['BAD_REQUEST']],
				['no id', {}, ['BAD_REQUEST']],
				['an unknown id', { playerId: 'nobody' }, ['PLAYER_NOT_FOUND']],
				['a __proto__ id', { playerId: '__proto__' }, ['PLAYER_NOT_FOUND']],
				['a constructor id', { playerId: 'constructor' }, ['PLAYER_NOT_FOUND']],
				['a wildcard id', { playerId: '*' }, ['PLAYER_NOT_FOUND']],
				['a padded id', { playerId: ` ${victim.playerId}` }, ['PLAYER_NOT_FOUND']]
			];
			await refuseAll(asHost, 'host:kick', cases, 'the host');
			const noHost: Case[] = [
				['the victim', { playerId: victim.playerId }, ['NOT_HOST']],
				['the victim, with the secret', { playerId: victim.playerId, pin, secret }, ['NOT_HOST']]
			];
			await refuseAll(unbound, 'host:kick', noHost, 'an unbound socket');
			await refuseAll(asPlayer, 'host:kick', noHost, 'the player');
			await refuseAll(asScreen, 'host:kick', noHost, 'a screen');
		});

		it('host:players: bad offsets, limits and queries, no host', async () => {
			const cases: Case[] = [
				['no limit', { offset: 0 }, ['BAD_REQUEST']],
				['no offset', { limit: 10 }, ['BAD_REQUEST']],
				['a negative offset', { offset: -1, limit: 10 }, ['BAD_REQUEST']],
				['a fractional offset', { offset: 1.5, limit: 10 }, ['BAD_REQUEST']],
				['a string offset', { offset: '0', limit: 10 }, ['BAD_REQUEST']],
				['a huge offset', { offset: 1e12, limit: 10 }, ['BAD_REQUEST']],
				['a zero limit', { offset: 0, limit: 0 }, ['BAD_REQUEST']],
				['a 201 limit', { offset: 0, limit: 201 }, ['BAD_REQUEST']],
				['an Infinity limit', { offset: 0, limit: Infinity }, ['BAD_REQUEST']],
				['an empty query', { offset: 0, limit: 10, query: '' }, ['BAD_REQUEST']],
				['a blank query', { offset: 0, limit: 10, query: '   ' }, ['BAD_REQUEST']],
				['a 21-character query', { offset: 0, limit: 10, query: 'q'.repeat(21) }, ['BAD_REQUEST']],
				['a query array', { offset: 0, limit: 10, query: ['Victim'] }, ['BAD_REQUEST']],
				['an operator query', { offset: 0, limit: 10, query: { $regex: '.*' } }, ['BAD_REQUEST']]
			];
			await refuseAll(asHost, 'host:players', cases, 'the host');
			const noHost: Case[] = [
				['a first page', { offset: 0, limit: 10 }, ['NOT_HOST']],
				['a search', { offset: 0, limit: 10, query: 'Vic' }, ['NOT_HOST']]
			];
			await refuseAll(unbound, 'host:players', noHost, 'an unbound socket');
			await refuseAll(asPlayer, 'host:players', noHost, 'the player');
			await refuseAll(asScreen, 'host:players', noHost, 'a screen');
		});

		it('host:addCoHost: bad emails, a quick-room host, no host', async () => {
			const cases: Case[] = [
				['no email', {}, ['BAD_REQUEST']],
				['a numeric email', { email: 42 }, ['BAD_REQUEST']],
				['a 300-character email', { email: `${'e'.repeat(290)}@example.com` }, ['BAD_REQUEST']],
				['an email array', { email: ['a@example.com'] }, ['BAD_REQUEST']],
				// A quick room has no owner: its secret holder cannot hand control to accounts.
				['a plausible email', { email: 'someone@example.com' }, ['NOT_HOST']]
			];
			await refuseAll(asHost, 'host:addCoHost', cases, 'the quick-room host');
			const noHost: Case[] = [['an email', { email: 'someone@example.com' }, ['NOT_HOST']]];
			await refuseAll(unbound, 'host:addCoHost', noHost, 'an unbound socket');
			await refuseAll(asPlayer, 'host:addCoHost', noHost, 'the player');
			await refuseAll(asScreen, 'host:addCoHost', noHost, 'a screen');
		});

		it('screen:attach: bad pins, unknown rooms, another role', async () => {
			const cases: Case[] = [
				['a numeric pin', { pin: Number(pin) }, ['BAD_REQUEST']],
				['a 7-digit pin', { pin: `${pin}1` }, ['BAD_REQUEST']],
				['a pin array', { pin: [pin] }, ['BAD_REQUEST']],
				['a regex-ish pin', { pin: '.*' }, ['BAD_REQUEST']],
				['an unknown room', { pin: '000000' }, ['ROOM_NOT_FOUND']],
				['extra fields', { pin: '000000', role: 'host', secret }, ['ROOM_NOT_FOUND']]
			];
			await refuseAll(unbound, 'screen:attach', cases, 'an unbound socket');
			const other: Case[] = [['the room', { pin }, ['BAD_REQUEST']]];
			await refuseAll(asPlayer, 'screen:attach', other, 'the player');
			await refuseAll(asHost, 'screen:attach', other, 'the host');
			// Extra fields on a valid attach grant nothing beyond a screen.
			const s = await connect(server.url);
			expectOk(await emitAck(s, 'screen:attach', { pin, role: 'host', secret }));
			expectFail(await emitAck(s, 'host:command', { type: 'end' }), 'NOT_HOST');
			await expectUnchanged('a screen with extra fields');
		});

		it('rate-limits a burst of 100 events from one socket', async () => {
			const s = await unbound();
			const acks = await Promise.all(
				Array.from({ length: 100 }, () => emitAck(s, 'screen:attach', { pin: '000000' }, 5000))
			);
			const codes = acks.map((r) => expectFail(r));
			const limited = codes.filter((c) => c === 'RATE_LIMITED').length;
			expect(limited).toBeGreaterThan(50);
			expect(codes.filter((c) => c !== 'RATE_LIMITED').every((c) => c === 'ROOM_NOT_FOUND')).toBe(
				true
			);
			// Another socket is unaffected, and this one recovers.
			const other = await unbound();
			expectOk(await emitAck(other, 'screen:attach', { pin }));
			await sleep(300);
			expectOk(await emitAck(s, 'screen:attach', { pin }));
			await expectUnchanged('a burst');
		});

		it('drops an oversized frame, and answers an unknown event without harm', async () => {
			const big = await unbound();
			const dropped = new Promise<string>((resolve) => big.once('disconnect', resolve));
			let acked = false;
			rawEmit(big)('player:join', { pin, nickname: 'x'.repeat(20_000) }, () => (acked = true));
			expect(await within(dropped, 3000, 'the oversized frame dropped')).toBeTruthy();
			expect(acked).toBe(false);

			const odd = await unbound();
			// An unknown event with an ack is answered, not left to time out on the client.
			const unknown = await within(
				new Promise<AckResult>((resolve) => rawEmit(odd)('admin:reset', { pin, secret }, resolve)),
				3000,
				'the unknown event acked'
			);
			expectFail(unknown, 'BAD_REQUEST');
			expect(!unknown.ok && unknown.error.message).toContain('admin:reset');
			rawEmit(odd)('__proto__', { polluted: 'yes' });
			rawEmit(odd)('constructor', { polluted: 'yes' }, () => {});
			await sleep(100);
			expectOk(await emitAck(odd, 'screen:attach', { pin }));
			await expectUnchanged('an oversized frame and unknown events');
		});

		it('survives it all: nothing polluted, the room still plays', async () => {
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
			expect(ERROR_CODES).toContain('BAD_REQUEST');
			await expectUnchanged('all hostile requests');

			const revealed = waitFor(victim.socket, 'room:view', (v) => v.phase === 'reveal');
			const res = expectOk(
				await emitAck(victim.socket, 'player:answer', { index: 0, answer: { choices: [2] } })
			);
			expect(res).toEqual({ ok: true, index: 0, duplicate: false });
			expect((await revealed).reveal?.correct).toEqual([2]);
			const result = await until(
				async () => (await server.ctx.live.getResults(pin, 0, [victim.playerId]))[0],
				2000,
				'the result'
			);
			expect(result).toMatchObject({ answered: true, correct: true });
			expect(result!.points).toBeGreaterThan(500);
		});
	});
});
