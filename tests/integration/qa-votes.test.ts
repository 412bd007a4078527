// Votes at the scale of a hall: 500 phones voting at once on the same 20 questions, counted
// exactly by the store and by the frames the phones receive; repeats change nothing; votes taken
// back are taken back exactly.
import { describe, expect, it } from 'vitest';
import type { QaVotesFrame } from '../../src/lib/protocol';
import { emitAck, expectFail, expectOk, liveModes, sleep, until } from '../support/server';
import { ask, joinPhone, joinPhones, panel, type Phone, qaStage } from '../support/qa';

const modes = await liveModes('qa-votes.test.ts');

const PARTICIPANTS = 500;
const QUESTIONS = 20;

describe.each(modes)('Q&A votes with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa votes (${mode.name})`, () => {
		const stage = qaStage(mode);

		it(`${PARTICIPANTS} participants voting at once on the same ${QUESTIONS} questions: exact totals`, async () => {
			const code = await stage.event();
			const phones = await joinPhones(stage.server, code, PARTICIPANTS);
			const ids: string[] = [];
			for (const p of phones.slice(0, QUESTIONS))
				ids.push((await ask(p, `问题 ${ids.length + 1}：灭火器怎么选？`)).id);

			// What a phone and a panel see: the last count each frame gave for each question.
			const watcher = phones[PARTICIPANTS - 1]!;
			const seen: Record<string, number> = {};
			watcher.socket.on('qa:votes', (f: QaVotesFrame) => Object.assign(seen, f.votes));
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const modSeen: Record<string, number> = {};
			mod.socket.on('qa:votes', (f: QaVotesFrame) => Object.assign(modSeen, f.votes));

			const acks = await Promise.all(
				phones.flatMap((p) =>
					ids.map((questionId) => emitAck(p.socket, 'qa:vote', { questionId }, 20_000))
				)
			);
			const refused = acks.filter((a) => !a.ok);
			expect(refused).toEqual([]);
			expect(acks.every((a) => a.ok && a.changed && a.voted)).toBe(true);

			const exact = Object.fromEntries(ids.map((id) => [id, PARTICIPANTS]));
			expect(await stage.server.ctx.qaStore.voteCounts(code)).toEqual(exact);
			await until(() => ids.every((id) => seen[id] === PARTICIPANTS), 10_000, 'the phone’s counts');
			await until(
				() => ids.every((id) => modSeen[id] === PARTICIPANTS),
				10_000,
				'the panel’s counts'
			);
			const view = expectOk(
				await emitAck(watcher.socket, 'qa:resume', { code, token: watcher.token })
			);
			expect(view.view.questions.map((q) => q.votes)).toEqual(ids.map(() => PARTICIPANTS));
			expect(view.voted.sort()).toEqual([...ids].sort());

			// Each phone spent its burst of votes (qa-limits.test.ts shows the refusal): a second lets
			// the bucket refill a few. Then everyone votes on the first question again, at once:
			// nothing changes.
			await sleep(1000);
			const again = await Promise.all(
				phones.map((p) => emitAck(p.socket, 'qa:vote', { questionId: ids[0] }, 20_000))
			);
			expect(again.filter((a) => !(a.ok && !a.changed && a.votes === PARTICIPANTS))).toEqual([]);

			// Half take their vote on the second question back, at once; then once more (no change).
			const half = phones.slice(0, PARTICIPANTS / 2);
			const back = await Promise.all(
				half.map((p) => emitAck(p.socket, 'qa:unvote', { questionId: ids[1] }, 20_000))
			);
			expect(back.every((a) => a.ok && a.changed && !a.voted)).toBe(true);
			const twice = await Promise.all(
				half.map((p) => emitAck(p.socket, 'qa:unvote', { questionId: ids[1] }, 20_000))
			);
			expect(twice.every((a) => a.ok && !a.changed)).toBe(true);
			const counts = await stage.server.ctx.qaStore.voteCounts(code);
			expect(counts[ids[0]!]).toBe(PARTICIPANTS);
			expect(counts[ids[1]!]).toBe(PARTICIPANTS / 2);
			await until(
				() => seen[ids[1]!] === PARTICIPANTS / 2,
				10_000,
				'the count after votes taken back'
			);
		}, 120_000);

		it('a vote on a question the audience cannot see, or on none, is refused with a reason', async () => {
			const code = await stage.event({ preModeration: true });
			const [asker, voter] = [
				await joinPhone(stage.server, code),
				await joinPhone(stage.server, code)
			];
			const q = await ask(asker, '待审核的问题');
			expect(q.status).toBe('pending');
			const res = await emitAck(voter.socket, 'qa:vote', { questionId: q.id });
			expectFail(res, 'QA_CANNOT_VOTE');
			expectFail(
				await emitAck(voter.socket, 'qa:vote', { questionId: 'nope' }),
				'QA_QUESTION_NOT_FOUND'
			);
			expect(await stage.server.ctx.qaStore.voteCounts(code)).toEqual({});
		});

		it('with vote counts hidden, phones get no counts; the panel still does', async () => {
			const code = await stage.event({ showVoteCounts: false });
			const phones: Phone[] = await joinPhones(stage.server, code, 3);
			const q = await ask(phones[0]!, '看不到票数');
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const modFrame = new Promise<QaVotesFrame>((resolve) => mod.socket.once('qa:votes', resolve));
			let phoneFrames = 0;
			phones[0]!.socket.on('qa:votes', () => phoneFrames++);
			for (const p of phones) {
				const res = expectOk(await emitAck(p.socket, 'qa:vote', { questionId: q.id }));
				expect(res.votes).toBeNull();
			}
			expect((await modFrame).votes[q.id]).toBeGreaterThan(0);
			await until(async () => (await stage.server.ctx.qaStore.voteCounts(code))[q.id] === 3);
			const resumed = expectOk(
				await emitAck(phones[1]!.socket, 'qa:resume', { code, token: phones[1]!.token })
			);
			expect(resumed.view.questions[0]!.votes).toBeNull();
			// The panel's frame came from the same flush that would have reached the phones.
			expect(phoneFrames).toBe(0);
			const modView = expectOk(await emitAck(mod.socket, 'qa:attach', { code }));
			expect(modView.view.questions[0]!.votes).toBe(3);
		});
	});
});
