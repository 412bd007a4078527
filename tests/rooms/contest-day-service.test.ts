// The contest-day room service on a fake clock: teams taken from the organisation's departments
// when the room opens, a 抢答 answered orally and judged by the host, a buzzer nobody presses
// closing by itself, and mean team scores with their participation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { quizSchema, type Quiz } from '../../src/lib/domain/question';
import { RoomError } from '../../src/lib/server/rooms/errors';
import { roomHarness, settle, type Harness } from './harness';

const question = {
	type: 'single',
	stem: '进入有限空间作业前应当？',
	options: ['先通风、再检测、后作业', '直接进入', '戴口罩即可', '边干边测'],
	answer: 'A'
} as const;

function quiz(extra: Partial<z.input<typeof quizSchema>>, count = 1): Quiz {
	return quizSchema.parse({
		id: 'svc-contest-day',
		title: '有限空间安全竞赛',
		settings: { scoring: 'accuracy', timeLimit: 20, points: 100 },
		questions: Array.from({ length: count }, () => question),
		...extra
	});
}

async function refusal(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (e) {
		if (e instanceof RoomError) return e.code;
		throw e;
	}
	throw new Error('not refused');
}

describe('contest-day room service', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await roomHarness({
			departments: async (orgId) => (orgId === 'org-1' ? ['安全环保部', '生产运行部'] : []),
			roster: {
				find: async (orgId, no) =>
					orgId !== 'org-1'
						? null
						: ({
								A001: { name: '赵 工', unit: '生产运行部' },
								A002: { name: '孙工', unit: '后勤处' }
							}[no] ?? null),
				units: async () => [
					{ name: '生产运行部', headcount: 40 },
					{ name: '安全环保部', headcount: 8 }
				]
			}
		});
	});
	afterEach(() => h.dispose());

	it('plays with the organisation’s departments as teams, as they were when the room opened', async () => {
		const q = quiz({ teams: { fromDepartments: true } });
		const { pin } = await h.service.createOwnedRoom(q, { userId: 'u1', orgId: 'org-1' });
		const info = await h.service.rounds.teamsInfo(pin);
		expect(info.teams).toStrictEqual([
			{ id: 't1', name: '安全环保部' },
			{ id: 't2', name: '生产运行部' }
		]);
		const { player } = await h.service.players.join(pin, '赵工', undefined, { teamId: 't2' });
		const self = await h.service.players.self(pin, player.id);
		expect(self.team).toMatchObject({ teamName: '生产运行部', audience: false });
		// Another organisation has no departments: the room has no teams, and a team is refused.
		const other = await h.service.createOwnedRoom(q, { userId: 'u2', orgId: 'org-2' });
		expect((await h.service.rounds.teamsInfo(other.pin)).teams).toStrictEqual([]);
		expect(
			await refusal(h.service.players.join(other.pin, '钱工', undefined, { teamId: 't1' }))
		).toBe('NO_TEAMS');
	});

	it('places players by the roster: their unit is their team, whatever they ask for', async () => {
		const q = quiz({ teams: { fromDepartments: true, fromRoster: true } });
		const { pin } = await h.service.createOwnedRoom(q, { userId: 'u1', orgId: 'org-1' });
		expect((await h.service.rounds.teamsInfo(pin)).roster).toBe(true);
		const join = (nick: string, seat: object) => h.service.players.join(pin, nick, undefined, seat);
		expect(await refusal(join('赵工', { teamId: 't1' }))).toBe('ROSTER_REQUIRED');
		expect(await refusal(join('钱工', { employeeNo: 'A001' }))).toBe('ROSTER_NOT_FOUND');
		expect(await refusal(join('赵工', { employeeNo: 'Z999' }))).toBe('ROSTER_NOT_FOUND');
		expect(await refusal(join('孙工', { employeeNo: 'A002' }))).toBe('TEAM_NOT_FOUND');
		// A team asked for is ignored: the roster's unit decides (spaces in the roster's name too).
		const { player } = await join('赵工', { employeeNo: 'A001', teamId: 't1' });
		expect((await h.service.players.self(pin, player.id)).team).toMatchObject({
			teamName: '生产运行部'
		});
		// The audience needs no employee number; headcounts come from the roster.
		await join('路人', { audience: true });
		const room = await h.live.getRoom(pin);
		expect(room!.quiz.teams!.list).toStrictEqual([
			{ name: '安全环保部', headcount: 8 },
			{ name: '生产运行部', headcount: 40 }
		]);
	});

	it('takes an oral 抢答 answer from the host’s judgement, not from the device', async () => {
		const q = quiz({
			teams: { list: [{ name: '一班' }, { name: '二班' }] },
			rounds: [
				{
					type: 'buzz',
					count: 1,
					buzz: { armSec: 2, openSec: 10, answerSec: 15, oral: true, passOnWrong: false }
				}
			]
		});
		const { pin } = await h.service.createRoom(q);
		const one = (await h.service.players.join(pin, '孙一', undefined, { teamId: 't1' })).player;
		const two = (await h.service.players.join(pin, '李二', undefined, { teamId: 't2' })).player;
		await h.service.transitions.apply(pin, { type: 'start' }); // intro
		await h.service.transitions.apply(pin, { type: 'next' }); // the question, buzzer arming
		expect(await refusal(h.service.rounds.buzz(pin, one.id, 0))).toBe('TOO_EARLY');
		await h.advance(2000);
		expect((await h.service.view(pin)).rounds!.buzz!.phase).toBe('open');
		expect(await h.service.rounds.buzz(pin, two.id, 0)).toMatchObject({ position: 1, won: true });
		expect(await h.service.rounds.buzz(pin, one.id, 0)).toMatchObject({ position: 2, won: false });
		expect(await refusal(h.service.answers.answer(pin, two.id, 0, { choices: [0] }))).toBe(
			'NOT_ORAL'
		);
		const judged = await h.service.transitions.apply(pin, { type: 'judge', right: true });
		await settle();
		expect(judged.phase).toBe('reveal');
		const view = await h.service.view(pin);
		expect(view.rounds!.buzz!.winner).toMatchObject({ nickname: '李二', team: '二班' });
		expect((await h.service.transitions.apply(pin, { type: 'next' })).phase).toBe('leaderboard');
		const board = (await h.service.view(pin)).rounds!.teams!;
		expect(board.map((t) => [t.name, t.score])).toStrictEqual([
			['二班', 100],
			['一班', 0]
		]);
	});

	it('closes a buzzer nobody presses when its time is up, with nobody scoring', async () => {
		const q = quiz({
			rounds: [{ type: 'buzz', count: 1, buzz: { armSec: 1, openSec: 5, answerSec: 10 } }]
		});
		const { pin } = await h.service.createRoom(q);
		const p = (await h.service.players.join(pin, '周三')).player;
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.service.transitions.apply(pin, { type: 'next' });
		await h.advance(1000);
		expect((await h.service.view(pin)).rounds!.buzz!.phase).toBe('open');
		await h.advance(5000);
		const view = await h.service.view(pin);
		expect(view.phase).toBe('reveal');
		expect(view.rounds!.buzz).toMatchObject({ phase: 'done', winner: null, tried: 0 });
		expect((await h.live.getPlayer(pin, p.id))!.score).toBe(0);
	});

	it('scores teams by their members’ mean, with the share of the headcount taking part', async () => {
		const q = quiz({
			teams: {
				scoring: 'mean',
				list: [
					{ name: '炼油车间', headcount: 4 },
					{ name: '仓储班', headcount: 1 }
				]
			}
		});
		const { pin } = await h.service.createRoom(q);
		const join = async (nick: string, teamId: string) =>
			(await h.service.players.join(pin, nick, undefined, { teamId })).player;
		const a = await join('吴一', 't1');
		const b = await join('郑二', 't1');
		const c = await join('王三', 't2');
		for (const p of [a, b, c]) await h.service.players.connected(pin, p.id, true);
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.service.answers.answer(pin, a.id, 0, { choices: [0] });
		await h.service.answers.answer(pin, b.id, 0, { choices: [1] });
		await h.service.answers.answer(pin, c.id, 0, { choices: [0] });
		await settle();
		const view = await h.service.view(pin);
		expect(view.phase).toBe('reveal');
		expect(
			view.rounds!.teams!.map((t) => [t.name, t.score, t.members, t.participation])
		).toStrictEqual([
			['仓储班', 100, 1, 1],
			['炼油车间', 50, 2, 0.5]
		]);
	});
});
