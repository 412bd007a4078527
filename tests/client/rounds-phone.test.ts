// The phone's contest-day requests, driven by a fake socket: the teams asked before joining and the
// join carrying the pick, a buzz sent at once with its place or refusal kept per question, and a
// stake chosen, changed and refused once locked.
import { describe, expect, it } from 'vitest';
import { PlayerSession } from '../../src/lib/client/player-session.svelte';
import { RoundsPhone } from '../../src/lib/client/rounds-phone.svelte';
import { FakeSocket, memoryStorage } from './fake-socket';
import { view } from './room-view';
import { BLUE, RED, member } from './rounds-view';

const PIN = '123456';
const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });

function phone() {
	const socket = new FakeSocket();
	socket.connect();
	return { socket, rounds: new RoundsPhone(socket.client, PIN) };
}

describe('RoundsPhone', () => {
	it('asks for the teams once, and a room without teams has none to pick', async () => {
		const { socket, rounds } = phone();
		socket.answer('player:teams', () => ({
			ok: true,
			teams: [RED, BLUE],
			audience: true,
			roster: false
		}));
		const [a, b] = await Promise.all([rounds.loadTeams(), rounds.loadTeams()]);
		expect(a).toEqual({ teams: [RED, BLUE], audience: true, roster: false });
		expect(b).toBe(a);
		expect(socket.sent('player:teams')).toEqual([{ pin: PIN }]);

		const other = phone();
		other.socket.answer('player:teams', () => fail('NO_TEAMS', '本场没有设置队伍'));
		expect(await other.rounds.loadTeams()).toBeNull();
		expect(other.rounds.teamsKnown).toBe(true);
	});

	it('joins with the team picked, or as audience', async () => {
		const socket = new FakeSocket();
		const session = new PlayerSession(socket.client, PIN, memoryStorage(), {
			retryDelayMs: () => 0
		});
		session.listen();
		socket.connect();
		socket.answer('player:join', (p) =>
			(p as { teamId?: string }).teamId === 'nope'
				? fail('TEAM_NOT_FOUND', '找不到这个队伍')
				: { ok: true, token: 't'.repeat(24), self: member(), view: view() }
		);
		await session.join('小安', { teamId: 'nope' });
		expect(session.joinError?.code).toBe('TEAM_NOT_FOUND');
		await session.join('小安', { audience: true });
		expect(socket.sent('player:join')).toEqual([
			{ pin: PIN, nickname: '小安', teamId: 'nope' },
			{ pin: PIN, nickname: '小安', audience: true }
		]);
		expect(session.stage).toBe('playing');
		session.close();
	});

	it('a buzz keeps its place, or its refusal, for its own question only', async () => {
		const { socket, rounds } = phone();
		socket.answer('player:buzz', () => ({ ok: true, position: 3, marginMs: 42, won: false }));
		await rounds.pressBuzz(2);
		expect(socket.sent('player:buzz')).toEqual([{ index: 2 }]);
		expect(rounds.buzz).toEqual({
			index: 2,
			kind: 'placed',
			position: 3,
			marginMs: 42,
			won: false
		});

		socket.answer('player:buzz', () => fail('TOO_EARLY', '抢答器还未开启，提前抢答无效'));
		await rounds.pressBuzz(2);
		expect(rounds.buzz).toMatchObject({ kind: 'refused', code: 'TOO_EARLY' });
		rounds.forget(2);
		expect(rounds.buzz).not.toBeNull();
		rounds.forget(3);
		expect(rounds.buzz).toBeNull();
	});

	it('a second tap while the first buzz is on its way sends nothing more', async () => {
		const { socket, rounds } = phone();
		socket.answer('player:buzz', () => ({ ok: true, position: 1, marginMs: 0, won: true }));
		socket.hold('player:buzz');
		const first = rounds.pressBuzz(0);
		void rounds.pressBuzz(0);
		socket.release('player:buzz');
		await first;
		expect(socket.sent('player:buzz')).toHaveLength(1);
		expect(rounds.buzz).toMatchObject({ won: true });
	});

	it('a stake is sent, may change, and a locked one says why', async () => {
		const { socket, rounds } = phone();
		socket.answer('player:stake', (p) => ({ ok: true, stake: (p as { stake: number }).stake }));
		await rounds.chooseStake(4, 20);
		await rounds.chooseStake(4, 30);
		expect(socket.sent('player:stake')).toEqual([
			{ index: 4, stake: 20 },
			{ index: 4, stake: 30 }
		]);
		expect(rounds.staking).toBeNull();
		expect(rounds.stakeError).toBeNull();

		socket.answer('player:stake', () => fail('LOCKED', '题目已开始，分值已锁定'));
		await rounds.chooseStake(4, 10);
		expect(rounds.stakeError?.code).toBe('LOCKED');
	});
});
