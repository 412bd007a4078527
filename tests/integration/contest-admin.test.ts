// The organiser's side of a self-paced contest through its service, with phones on the real HTTP
// server: drafts are not public, publishing freezes the question set (a bank edited afterwards
// changes no attempt), a draw the banks cannot give is refused with why, closing early stops new
// attempts while a running one finishes on its clock, extending opens it again, the invite bonus
// adds an attempt to the inviter's day, the dashboard counts what happened, and the preview draws
// a sample without recording anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankSchema } from '../../src/lib/domain/question';
import { liveModes } from '../support/server';
import {
	contestBank,
	contestSettings,
	ORG,
	rightPosition,
	startContestServer,
	USER,
	type ContestServer
} from '../support/contest';

const [memory] = await liveModes('contest-admin.test.ts');
const SCOPE = { orgId: ORG };
const MINUTE = 60_000;

type Open = { attemptId: string; view: { questions: { stem: string; options: string[] }[] } };

describe('contest organiser', () => {
	let server: ContestServer;
	beforeAll(async () => {
		server = await startContestServer({ redisUrl: memory?.redisUrl });
	});
	afterAll(async () => server?.close());

	it('keeps a draft from the public, and refuses a draw the banks cannot give, saying why', async () => {
		const admin = server.ctx.contests.admin;
		const draft = await admin.create(USER, SCOPE, contestSettings(), 'draft-one');
		const phone = server.phone('draft-one');
		const landing = await phone.call('GET', '');
		expect(landing.status).toBe(404);
		expect(landing.body.error).toStrictEqual({
			code: 'CONTEST_NOT_PUBLISHED',
			message: '活动尚未发布'
		});

		const greedy = await admin.create(
			USER,
			SCOPE,
			contestSettings({
				draw: { total: 12, quotas: [{ category: '消防', count: 11 }], bankIds: ['contest-bank'] }
			})
		);
		await expect(admin.publish(greedy.id, SCOPE, greedy.version)).rejects.toMatchObject({
			code: 'CONTEST_DRAW_FAILED',
			message: '分类“消防”只有 10 道题，配额需要 11 道'
		});
		await expect(
			admin.create(USER, SCOPE, contestSettings({ draw: { total: 5, bankIds: ['someone-elses'] } }))
		).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '找不到题库“someone-elses”' });
		await expect(admin.create(USER, SCOPE, contestSettings(), 'draft-one')).rejects.toMatchObject({
			message: '这个链接名已被使用，请换一个'
		});
		await expect(
			admin.create(USER, { orgId: 'another-org' }, contestSettings())
		).rejects.toMatchObject({
			code: 'BAD_REQUEST'
		});
		// Another organisation cannot reach the draft at all.
		await expect(admin.get(draft.id, { orgId: 'another-org' })).rejects.toMatchObject({
			code: 'CONTEST_NOT_FOUND'
		});

		const preview = await admin.preview(draft.id, SCOPE);
		expect(preview.problem).toBeNull();
		expect(preview.view?.questions).toHaveLength(5);
		expect(preview.poolSize).toBe(30);
		expect((await server.ctx.contests.records.counts(draft.id)).attemptsStarted).toBe(0);
	});

	it('freezes the questions at publication: a bank changed later changes no attempt', async () => {
		const c = await server.publish(contestSettings({ shuffleOptions: false }), 'frozen');
		const rewritten = contestBank();
		await server.ctx.banks.saveBank(
			bankSchema.parse({
				...rewritten,
				questions: rewritten.questions.map((q) => ({ ...q, stem: `改过的题目 ${q.stem}` }))
			}),
			'imported',
			server.clock.now,
			ORG
		);
		const phone = server.phone(c.slug);
		await phone.enter({ name: '冻结', phone: '13900000001' });
		const open = (await phone.start()).body as unknown as Open;
		for (const q of open.view.questions) expect(q.stem).toMatch(/^安全知识第 \d+ 题/);
		await server.ctx.banks.saveBank(contestBank(), 'imported', server.clock.now, ORG);
	});

	it('closes early (running attempts finish on their clock), extends, and counts the invite bonus', async () => {
		const admin = server.ctx.contests.admin;
		let c = await server.publish(
			contestSettings({ bonusPerInvite: 1, bonusPerDayMax: 2 }),
			'window'
		);
		const host = server.phone(c.slug);
		const hostEntry = await host.enter({ name: '邀请人', phone: '13900000002' });
		const inviterId = hostEntry.body.me.participant?.id;
		const running = (await host.start()).body as unknown as Open;

		c = await admin.closeNow(c.id, SCOPE, c.version);
		const late = server.phone(c.slug);
		await late.enter({ name: '迟到', phone: '13900000003' });
		const refused = await late.start();
		expect(refused.body.error).toStrictEqual({ code: 'CONTEST_ENDED', message: '活动已结束' });
		// The attempt that was running goes on until its own deadline.
		const q0 = running.view.questions[0]!;
		const saved = await host.call('POST', `/attempts/${running.attemptId}/answer`, {
			index: 0,
			answer: { choices: [rightPosition(q0.options)] }
		});
		expect(saved.body).toMatchObject({ ok: true, ended: false });
		await host.call('POST', `/attempts/${running.attemptId}/submit`);
		expect((await host.call('GET', '')).body).toMatchObject({ contest: { closedEarly: true } });

		c = await admin.extend(c.id, SCOPE, c.version, server.clock.now + 24 * 60 * MINUTE);
		expect((await host.call('GET', '')).body).toMatchObject({
			contest: { closedEarly: false },
			me: { cap: { ok: false, code: 'CONTEST_DAILY_CAP' } }
		});
		// A friend enters through the inviter's link: the inviter gets one more attempt today.
		const friend = server.phone(c.slug);
		await friend.enter({ name: '朋友', phone: '13900000004', invitedBy: inviterId });
		expect((await host.call('GET', '')).body).toMatchObject({
			me: { cap: { ok: true, leftToday: 1 } }
		});
		expect((await host.start()).status).toBe(201);

		await expect(admin.extend(c.id, SCOPE, c.version, server.clock.now - 1)).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			message: '新的结束时间需晚于现在'
		});
		// A page showing an older version cannot overwrite the newer one.
		await expect(
			admin.extend(c.id, SCOPE, c.version - 1, server.clock.now + 48 * 60 * MINUTE)
		).rejects.toMatchObject({ code: 'STALE' });
	});

	it('shows on the dashboard who took part, which questions were missed, and the flagged attempts', async () => {
		const admin = server.ctx.contests.admin;
		const c = await server.publish(contestSettings({ minMsPerQuestion: 5000 }), 'dashboard');
		await admin.setUnits(c.id, SCOPE, [
			{ name: '一车间', headcount: 4 },
			{ name: '二车间', headcount: 10 }
		]);
		for (let i = 0; i < 3; i++) {
			const phone = server.phone(c.slug);
			await phone.enter({ name: `工人${i}`, phone: `1390000010${i}`, unit: '一车间' });
			const open = (await phone.start()).body as unknown as Open;
			for (const [index, q] of open.view.questions.entries()) {
				// Everyone misses the first question they are shown.
				const right = rightPosition(q.options);
				await phone.call('POST', `/attempts/${open.attemptId}/answer`, {
					index,
					answer: { choices: [index === 0 ? (right + 1) % 4 : right] }
				});
			}
			// Submitted at once: far below 5 s a question, so every attempt is flagged too fast.
			await phone.call('POST', `/attempts/${open.attemptId}/submit`);
		}
		const units = await server.phone(c.slug).call('GET', '/board?kind=unit');
		expect(units.body).toMatchObject({
			board: {
				rows: [
					{
						rank: 1,
						name: '一车间',
						points: 240,
						participants: 3,
						headcount: 4,
						rate: 0.75,
						average: 80
					},
					{ rank: 2, name: '二车间', points: 0, participants: 0, headcount: 10, rate: 0 }
				]
			},
			totals: { participants: 3, attempts: 3, points: 240 }
		});
		const d = await admin.dashboard(c.id, SCOPE);
		expect(d.counts).toStrictEqual({
			participants: 3,
			attemptsStarted: 3,
			attemptsFinished: 3,
			flagged: 3
		});
		expect(d.hourly.reduce((n, h) => n + h.attemptsFinished, 0)).toBe(3);
		expect(d.questionSet).toBe(30);
		const missed = d.questions.filter((q) => q.rate !== null && q.rate < 1);
		expect(missed.reduce((n, q) => n + (q.asked - q.right), 0)).toBe(3);
		// Most missed first.
		expect(d.questions[0]!.rate).toBeLessThan(1);
		expect(d.units[0]).toMatchObject({ name: '一车间', points: 240, participants: 3, rate: 0.75 });
		expect(d.flagged).toHaveLength(3);
		expect(d.flagged[0]!.participant?.name).toMatch(/^工人\d$/);
	});
});
