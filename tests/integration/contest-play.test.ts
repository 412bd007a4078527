// The self-paced contest over HTTP, on a real server (port 0) with the route handlers the app
// serves, a memory and a Redis live store and SQLite records: the entry form and re-entry, a whole
// attempt to its result, no answer key before the end (every response recorded), concurrent starts
// at the cap, an expired attempt closed by the server with the phone gone, a reload mid-attempt,
// per-question limits, the visibility limit, roster mode, bad input, and totals after a concurrent
// load equal to a recomputation from the stored attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	aggregate,
	aggregateKeys,
	contestPoints,
	parseAggregateKey
} from '../../src/lib/domain/contest/standings';
import { liveModes, requireMode } from '../support/server';
import { postgresUp, throwawayPostgres } from '../support/record-dbs';
import { REQUIRE_SERVICES } from '../support/services';
import {
	contestSettings,
	NOON,
	ORG,
	rightPosition,
	startContestServer,
	type ContestServer,
	type Phone
} from '../support/contest';

// Memory and Redis live stores on SQLite records, and Redis on PostgreSQL (the production pair,
// where concurrent starts are a real race between database connections).
const live = await liveModes('contest-play.test.ts');
const pgUp = await postgresUp();
if (!pgUp && !REQUIRE_SERVICES) {
	process.stderr.write(
		'[skip] PostgreSQL not reachable: contest-play redis+postgres suite skipped\n'
	);
}
const modes = [
	...live.map((m) => ({ ...m, postgres: false })),
	{
		...live[1]!,
		name: 'redis+postgres',
		postgres: true,
		skip: live[1]!.skip || (!pgUp && !REQUIRE_SERVICES)
	}
];
const SECOND = 1000;

type Open = {
	attemptId: string;
	view: { questions: { options: string[] }[]; remainingMs: number };
};

async function enter(phone: Phone, n: number, over: Record<string, unknown> = {}) {
	const r = await phone.enter({
		name: `参赛者${n}`,
		phone: `1380000${String(n).padStart(4, '0')}`,
		...over
	});
	expect(r.body).toMatchObject({ ok: true });
	return r;
}

async function answerAllRight(phone: Phone, open: Open) {
	for (const [index, q] of open.view.questions.entries()) {
		const r = await phone.call('POST', `/attempts/${open.attemptId}/answer`, {
			index,
			answer: { choices: [rightPosition(q.options)] }
		});
		expect(r.body).toMatchObject({ ok: true, ended: false });
	}
}

for (const mode of modes) {
	describe.skipIf(mode.skip)(`contest over HTTP (${mode.name})`, () => {
		// Slugs are lower-case letters, digits and hyphens.
		const tag = mode.name.replace('+', '-');
		let server: ContestServer;
		let pg: Awaited<ReturnType<typeof throwawayPostgres>> | null = null;
		beforeAll(async () => {
			requireMode({ ...mode, name: mode.redisUrl ? 'redis' : 'memory' });
			if (mode.postgres) pg = await throwawayPostgres();
			server = await startContestServer({ redisUrl: mode.redisUrl, databaseUrl: pg?.url });
		});
		afterAll(async () => {
			await server?.close();
			await pg?.drop();
		});

		it('enters once, re-enters on a new phone with the same number and name, refuses another name', async () => {
			const c = await server.publish(contestSettings(), `entry-${tag}`);
			const phone = server.phone(c.slug);
			const before = await phone.call('GET', '');
			expect(before.body).toMatchObject({
				ok: true,
				contest: {
					title: '测测你的安全力',
					questionsPerAttempt: 5,
					totalTimeS: 60,
					published: true
				},
				me: { participant: null, cap: null }
			});

			const bad = await phone.enter({ name: '张三', phone: '12345' });
			expect(bad.status).toBe(400);
			expect(bad.body.error).toStrictEqual({
				code: 'CONTEST_ENTRY_INVALID',
				message: '请填写正确的 11 位手机号'
			});
			expect((await phone.enter({ phone: '13812341234' })).body.error?.message).toBe('请填写姓名');

			const ok = await phone.enter({ name: '张三', phone: '+86 138-1234-1234' });
			expect(ok.status).toBe(201);
			expect(ok.setCookie).toContain(`anda_contest_${c.slug}=`);
			expect(ok.body).toMatchObject({
				me: {
					participant: { name: '张三', points: 0, rank: null },
					cap: { ok: true, leftToday: 1 }
				}
			});
			expect((await phone.enter({ name: '张三', phone: '13812341234' })).body.error?.code).toBe(
				'CONTEST_ENTERED_ALREADY'
			);

			const second = server.phone(c.slug);
			const clash = await second.enter({ name: '李四', phone: '13812341234' });
			expect(clash.status).toBe(409);
			expect(clash.body.error?.code).toBe('CONTEST_PHONE_TAKEN');
			const back = await second.enter({ name: '张三', phone: '13812341234' });
			expect(back.body).toMatchObject({
				ok: true,
				me: {
					participant: {
						id: ok.body.me.participant?.id
					}
				}
			});
		});

		it('runs an attempt to its result; nothing before the end carries the key or the explanations', async () => {
			const c = await server.publish(contestSettings(), `whole-${tag}`);
			const phone = server.phone(c.slug);
			await enter(phone, 1, { region: '440305' });
			const started = await phone.start();
			expect(started.status).toBe(201);
			const open = started.body as unknown as Open;
			expect(open.view.questions).toHaveLength(5);
			expect(open.view.remainingMs).toBe(60 * SECOND);
			// Four right, the last one wrong.
			for (const [index, q] of open.view.questions.entries()) {
				const pos = rightPosition(q.options);
				const choice = index === 4 ? (pos + 1) % 4 : pos;
				server.clock.now += 2 * SECOND;
				await phone.call('POST', `/attempts/${open.attemptId}/answer`, {
					index,
					answer: { choices: [choice] }
				});
			}
			const reload = await phone.call('GET', `/attempts/${open.attemptId}`);
			expect(reload.body).toMatchObject({
				state: 'open',
				open: { resumed: true, view: { remainingMs: 50 * SECOND } }
			});

			const before = phone.received.join('\n');
			for (const secret of ['解析', 'explanation', '"correct"', 'accepted', 'right']) {
				expect(before).not.toContain(secret);
			}

			server.clock.now += SECOND;
			const done = await phone.call<{ result: Record<string, unknown> }>(
				'POST',
				`/attempts/${open.attemptId}/submit`
			);
			const result = done.body.result as {
				score: number;
				correct: number;
				total: number;
				timeUsedMs: number;
				review: { right: boolean; explanation: string; correct: number[]; options: string[] }[];
				standing: { points: number; rank: number; of: number };
				added: number;
				region: { name: string; points: number; participants: number } | null;
			};
			expect(result).toMatchObject({
				score: 80,
				correct: 4,
				total: 5,
				timeUsedMs: 11 * SECOND,
				added: 80
			});
			expect(result.standing).toMatchObject({ points: 80, rank: 1, of: 1 });
			expect(result.review.map((r) => r.right)).toStrictEqual([true, true, true, true, false]);
			for (const r of result.review) {
				expect(r.explanation).toMatch(/^解析\d+：/);
				expect(r.correct).toStrictEqual([rightPosition(r.options)]);
			}
			expect(result.region).toMatchObject({
				name: '广东省 深圳市 南山区',
				points: 80,
				participants: 1
			});

			const again = await phone.call('POST', `/attempts/${open.attemptId}/answer`, {
				index: 0,
				answer: { choices: [0] }
			});
			expect(again.body.error?.code).toBe('CONTEST_ATTEMPT_CLOSED');
			const landing = await phone.call('GET', '');
			expect(landing.body).toMatchObject({
				me: {
					participant: { points: 80, rank: 1 },
					cap: { ok: false, code: 'CONTEST_DAILY_CAP', message: '今日次数已用完' },
					openAttemptId: null,
					history: [
						{ attemptId: open.attemptId, status: 'submitted', score: 80, correct: 4, total: 5 }
					]
				}
			});
		});

		it('concurrent starts resume one attempt; at the daily cap every start is refused until the next day', async () => {
			const c = await server.publish(contestSettings({ attemptsPerDay: 2 }), `cap-${tag}`);
			const phone = server.phone(c.slug);
			await enter(phone, 2);
			for (let round = 0; round < 2; round++) {
				const starts = await Promise.all(Array.from({ length: 8 }, () => phone.start()));
				const ids = new Set(starts.map((s) => s.body.attemptId));
				expect(ids.size).toBe(1);
				expect(starts.filter((s) => s.status === 201)).toHaveLength(1);
				await phone.call('POST', `/attempts/${[...ids][0]}/submit`);
			}
			const refused = await Promise.all(Array.from({ length: 8 }, () => phone.start()));
			for (const r of refused) {
				expect(r.status).toBe(409);
				expect(r.body.error).toStrictEqual({
					code: 'CONTEST_DAILY_CAP',
					message: '今日次数已用完'
				});
			}
			const stored = await server.ctx.contests.play.contestById(c.id);
			expect(stored).not.toBeNull();
			// 16:00 UTC is midnight in Beijing: the next Shanghai day starts afresh.
			server.clock.now = Date.UTC(2026, 5, 16, 16, 0, 1);
			expect((await phone.start()).status).toBe(201);
			server.clock.now = NOON();
		});

		it('closes an attempt past its deadline on the server, with the answers saved by then, the phone never back', async () => {
			const c = await server.publish(contestSettings(), `expire-${tag}`);
			const phone = server.phone(c.slug);
			await enter(phone, 3, { unit: '一车间' });
			const open = (await phone.start()).body as unknown as Open;
			await phone.call('POST', `/attempts/${open.attemptId}/answer`, {
				index: 0,
				answer: { choices: [rightPosition(open.view.questions[0]!.options)] }
			});
			server.clock.now += 61 * SECOND;
			expect(await server.ctx.contests.sweeper.sweep()).toBeGreaterThanOrEqual(1);
			const records = (await server.ctx.contests.play.contestById(c.id))!;
			expect(records.id).toBe(c.id);
			const stored = await server.ctx.contests.boards.board(records, {
				kind: 'unit',
				sort: 'points',
				within: null,
				limit: 10
			});
			expect(stored.rows).toMatchObject([
				{ name: '一车间', points: 20, participants: 1, attempts: 1 }
			]);
			const later = await phone.call('GET', `/attempts/${open.attemptId}`);
			expect(later.body).toMatchObject({
				state: 'ended',
				result: {
					status: 'expired',
					endReason: 'expired',
					score: 20,
					correct: 1,
					timeUsedMs: 60 * SECOND
				}
			});
			server.clock.now = NOON();
		});

		it('locks a question past its own limit; the visibility limit submits the attempt', async () => {
			const c = await server.publish(
				contestSettings({ perQuestionS: 10, visibilityLimit: 1 }),
				`limits-${tag}`
			);
			const phone = server.phone(c.slug);
			await enter(phone, 4);
			const open = (await phone.start()).body as unknown as Open;
			const shown = await phone.call('POST', `/attempts/${open.attemptId}/show`, { index: 0 });
			expect(shown.body).toMatchObject({
				ok: true,
				ended: false,
				questionRemainingMs: 10 * SECOND
			});
			server.clock.now += 4 * SECOND;
			// Shown again (a reload): its clock runs on from the first showing.
			const again = await phone.call('POST', `/attempts/${open.attemptId}/show`, { index: 0 });
			expect(again.body).toMatchObject({ questionRemainingMs: 6 * SECOND });
			server.clock.now += 6 * SECOND;
			const late = await phone.call('POST', `/attempts/${open.attemptId}/answer`, {
				index: 0,
				answer: { choices: [0] }
			});
			expect(late.body.error).toStrictEqual({
				code: 'CONTEST_QUESTION_TIME_UP',
				message: '本题时间已到，答案已锁定'
			});
			const first = await phone.call('POST', `/attempts/${open.attemptId}/visibility`);
			expect(first.body).toMatchObject({ ok: true, ended: false, visibilityChanges: 1 });
			const second = await phone.call('POST', `/attempts/${open.attemptId}/visibility`);
			expect(second.body).toMatchObject({
				ok: true,
				ended: true,
				result: { endReason: 'visibility', score: 0 }
			});
			server.clock.now = NOON();
		});

		it('roster mode: only a roster row enters, and the unit comes from the roster', async () => {
			await server.ctx.contests.admin.setRoster({ orgId: ORG }, [
				{ employeeNo: 'E001', name: '王五', unit: '安全部' },
				{ employeeNo: 'E002', name: '赵六', unit: '生产部' }
			]);
			const c = await server.publish(
				contestSettings({
					identity: 'roster',
					entry: {
						name: 'required',
						region: 'off',
						unit: 'off',
						phone: 'off',
						employeeNo: 'required',
						custom: []
					}
				}),
				`roster-${tag}`
			);
			const phone = server.phone(c.slug);
			const wrong = await phone.enter({ name: '王六', employeeNo: 'E001' });
			expect(wrong.status).toBe(403);
			expect(wrong.body.error?.code).toBe('CONTEST_NOT_ON_ROSTER');
			const ok = await phone.enter({ name: '王五', employeeNo: 'E001', unit: '生产部' });
			expect(ok.body).toMatchObject({
				ok: true,
				me: { participant: { name: '王五', unit: '安全部' } }
			});
			const open = (await phone.start()).body as unknown as Open;
			await answerAllRight(phone, open);
			await phone.call('POST', `/attempts/${open.attemptId}/submit`);
			const board = await phone.call<{ board: { rows: unknown[] } }>(
				'GET',
				'/board?kind=unit&sort=rate'
			);
			// The roster's headcounts: one of one in 安全部 took part; 生产部 has not started.
			expect(board.body.board.rows).toMatchObject([
				{ rank: 1, name: '安全部', points: 100, participants: 1, headcount: 1, rate: 1 },
				{ rank: 2, name: '生产部', points: 0, participants: 0, headcount: 1, rate: 0 }
			]);
		});

		it('refuses bad input with a code and a message, and never shows another participant their attempt', async () => {
			const c = await server.publish(contestSettings(), `bad-${tag}`);
			const phone = server.phone(c.slug);
			expect((await phone.start()).body.error?.code).toBe('CONTEST_NOT_ENTERED');
			await enter(phone, 5);
			const open = (await phone.start()).body as unknown as Open;
			const shapes: [unknown, string][] = [
				[{ index: 0 }, 'BAD_REQUEST'],
				[{ index: 0, answer: { choices: [9] } }, 'CONTEST_BAD_ANSWER'],
				[{ index: 0, answer: { text: '119' } }, 'CONTEST_BAD_ANSWER'],
				[{ index: 7, answer: { choices: [0] } }, 'CONTEST_QUESTION_NOT_FOUND'],
				[{ index: 0, answer: { choices: [0, 1] } }, 'CONTEST_BAD_ANSWER']
			];
			for (const [body, code] of shapes) {
				const r = await phone.call('POST', `/attempts/${open.attemptId}/answer`, body);
				expect(r.body.ok, JSON.stringify(body)).toBe(false);
				expect(r.body.error?.code, JSON.stringify(body)).toBe(code);
				expect(r.body.error?.message.length).toBeGreaterThan(0);
			}
			const other = server.phone(c.slug);
			await enter(other, 6);
			expect((await other.call('GET', `/attempts/${open.attemptId}`)).status).toBe(404);
			const forged = server.phone(c.slug);
			forged.token = `${open.attemptId}.forged`;
			expect((await forged.start()).body.error?.code).toBe('CONTEST_NOT_ENTERED');
			expect((await server.phone('no-such-contest').call('GET', '')).status).toBe(404);
			const board = await phone.call('GET', '/board?kind=planet');
			expect(board.status).toBe(400);
		});

		it('after a concurrent load, unit and region totals equal a recomputation from the stored attempts', async () => {
			const c = await server.publish(
				contestSettings({ attemptsPerDay: 2, scoring: 'sum' }),
				`load-${tag}`
			);
			const units = ['一车间', '二车间', '三车间'];
			const regions = ['440305', '440106', '110105', '310115'];
			const phones = Array.from({ length: 30 }, (_, i) => ({
				i,
				phone: server.phone(c.slug, `10.1.0.${i}`)
			}));
			await Promise.all(
				phones.map(async ({ i, phone }) => {
					await enter(phone, 100 + i, { unit: units[i % 3], region: regions[i % 4] });
					for (let k = 0; k < 2; k++) {
						const open = (await phone.start()).body as unknown as Open;
						// Each answers i % 6 questions right, the rest wrong.
						await Promise.all(
							open.view.questions.map((q, index) =>
								phone.call('POST', `/attempts/${open.attemptId}/answer`, {
									index,
									answer: {
										choices: [
											index < (i + k) % 6
												? rightPosition(q.options)
												: (rightPosition(q.options) + 1) % 4
										]
									}
								})
							)
						);
						await phone.call('POST', `/attempts/${open.attemptId}/submit`);
					}
				})
			);
			// The recomputation: every finished attempt from the records, per participant, per key.
			const records = server.ctx.contests.admin;
			const people = [];
			for await (const page of records.participantPages(c)) people.push(...page);
			expect(people).toHaveLength(30);
			const finished = await server.ctx.contests.records.finishedAttemptsPage(c.id, '', 1000);
			expect(finished).toHaveLength(60);
			const byKey = new Map<string, ReturnType<typeof contestPoints>[]>();
			for (const p of people) {
				const points = contestPoints(
					'sum',
					finished.filter((f) => f.participantId === p.id)
				);
				expect(p.points).toStrictEqual(points);
				for (const key of aggregateKeys(p)) byKey.set(key, [...(byKey.get(key) ?? []), points]);
			}
			for (const kind of ['unit', 'province', 'city', 'county'] as const) {
				const held = await server.ctx.contestBoards.aggregates(c.id, kind);
				const expected = new Map(
					[...byKey].flatMap(([key, list]) => {
						const parsed = parseAggregateKey(key)!;
						return parsed.kind === kind ? [[parsed.id, aggregate(list)] as const] : [];
					})
				);
				expect(held).toStrictEqual(expected);
			}
			// And the rebuild from the records gives the same boards.
			const before = await server.ctx.contestBoards.aggregates(c.id, 'county');
			await records.rebuild(c.id, { orgId: ORG });
			expect(await server.ctx.contestBoards.aggregates(c.id, 'county')).toStrictEqual(before);
		});
	});
}
