// The record store's contract: numbered rules every implementation must keep, registered against
// a target that opens a fresh store per rule (see harness.ts). tests/records.contract.test.ts runs
// it on SQLite and PostgreSQL; a new implementation gets the whole suite by one call.
import { beforeEach, expect, it } from 'vitest';
import { quizSchema, type Quiz } from '../../src/lib/domain/question';
import type { Kysely } from 'kysely';
import type { FinishedGame, RecordStore } from '../../src/lib/server/records/port';
import type { Database } from '../../src/lib/server/records/schema';
import { contractSuite, type ContractTarget, type Opened } from './harness';
import { bigGame, contestDayGame, ordered, quiz, sampleGame, T0 } from './record-store.fixtures';

export interface RecordStoreUnderTest extends Opened {
	store: RecordStore;
	/** The store's database, to write rows as a release before a column existed wrote them. */
	db: Kysely<Database>;
}

/** Registers the record store's rules on `target`, whose name is the store's `kind`. */
export function registerRecordStoreContract(target: ContractTarget<RecordStoreUnderTest>): void {
	contractSuite('record store', target, { lifetime: 'test' }, (current) => {
		let store: RecordStore;
		let db: Kysely<Database>;
		beforeEach(() => {
			store = current().store;
			db = current().db;
		});

		it('reports its kind', () => {
			expect(store.kind).toBe(target.name);
		});

		// 1. A game saves and reads back exactly: answer JSON, null limit for a skipped question,
		//    null rank for kicked players, booleans and nulls for polls.
		it('1. saves and reads back a game exactly', async () => {
			const game = sampleGame();
			await store.saveGame(game);
			const back = await store.getGame(game.id);
			expect(back).toStrictEqual(ordered(game));
			expect(back?.questions.find((q) => q.index === 2)?.limitMs).toBeNull();
			expect(back?.players.slice(-2).map((p) => [p.nickname, p.rank, p.kicked])).toEqual([
				['alice', null, true],
				['bob', null, true]
			]);
			expect(back?.answers.filter((a) => a.questionIndex === 4).map((a) => a.correct)).toEqual([
				null
			]);
		});

		// 2. Saving the same id twice keeps the first copy and only one.
		it('2. saving the same id twice keeps one copy', async () => {
			const game = sampleGame();
			await store.saveGame(game);
			await store.saveGame({ ...game, title: 'changed', players: [], answers: [] });
			expect(await store.getGame(game.id)).toStrictEqual(ordered(game));
			const listed = await store.listGames(10);
			expect(listed.map((g) => g.id)).toEqual([game.id]);
		});

		// 3. latestGameByPin returns the newest game played under a PIN, not the last saved.
		it('3. latestGameByPin returns the newest of two games with the same PIN', async () => {
			const newer = sampleGame(`4821-${T0 + 5000}`, '4821', T0 + 5000);
			const older = sampleGame(`4821-${T0}`, '4821', T0);
			await store.saveGame(newer);
			await store.saveGame(older);
			await store.saveGame(sampleGame(`9999-${T0 + 9000}`, '9999', T0 + 9000));
			expect((await store.latestGameByPin('4821'))?.id).toBe(newer.id);
			expect(await store.latestGameByPin('4821')).toStrictEqual(ordered(newer));
			expect(await store.latestGameByPin('0000')).toBeNull();
		});

		// 4. listGames: newest first, player counts, limit.
		it('4. listGames orders newest first with player counts and a limit', async () => {
			const a = sampleGame(`1111-${T0}`, '1111', T0);
			const b = { ...sampleGame(`2222-${T0 + 2000}`, '2222', T0 + 2000), title: 'B' };
			const c = sampleGame(`3333-${T0 + 1000}`, '3333', T0 + 1000);
			c.players = c.players.slice(0, 2);
			c.answers = c.answers.filter((x) => c.players.some((p) => p.id === x.playerId));
			for (const g of [a, b, c]) await store.saveGame(g);

			expect(await store.listGames(10)).toStrictEqual([
				{
					id: b.id,
					pin: '2222',
					title: 'B',
					createdAt: T0 + 2000,
					endedAt: T0 + 602_000,
					playerCount: 5
				},
				{
					id: c.id,
					pin: '3333',
					title: quiz.title,
					createdAt: T0 + 1000,
					endedAt: T0 + 601_000,
					playerCount: 2
				},
				{
					id: a.id,
					pin: '1111',
					title: quiz.title,
					createdAt: T0,
					endedAt: T0 + 600_000,
					playerCount: 5
				}
			]);
			expect((await store.listGames(2)).map((g) => g.id)).toEqual([b.id, c.id]);
			expect(await store.listGames(0)).toEqual([]);
		});

		// 5. A big game (2,000 players x 10 questions = 20,000 answers) saves in one go.
		it('5. saves and reads back a big game', { timeout: 60_000 }, async () => {
			const game = bigGame(`7777-${T0}`, 2000, 10);
			await store.saveGame(game);
			const back = await store.getGame(game.id);
			expect(back?.questions).toHaveLength(10);
			expect(back?.players).toHaveLength(2000);
			expect(back?.answers).toHaveLength(20_000);
			expect(back).toStrictEqual(ordered(game));
			expect((await store.listGames(1))[0]?.playerCount).toBe(2000);
		});

		// 6. Quizzes: save, replace by id, list with question counts, round-trip deep-equal.
		it('6. saves, replaces, lists and reads quizzes', async () => {
			const other: Quiz = quizSchema.parse({
				id: 'first-aid',
				title: 'First aid',
				questions: [{ type: 'truefalse', stem: 'Call for help first.', answer: true }]
			});
			await store.saveQuiz(quiz, T0);
			await store.saveQuiz(other, T0 + 1);
			const replaced: Quiz = {
				...quiz,
				title: '消防安全（修订）',
				questions: quiz.questions.slice(0, 3)
			};
			await store.saveQuiz(replaced, T0 + 2);

			expect(await store.listQuizzes()).toStrictEqual([
				{
					id: quiz.id,
					title: '消防安全（修订）',
					description: 'Campaign quiz, 2025',
					questionCount: 3,
					updatedAt: T0 + 2
				},
				{
					id: 'first-aid',
					title: 'First aid',
					description: null,
					questionCount: 1,
					updatedAt: T0 + 1
				}
			]);
			expect(await store.getQuiz(quiz.id)).toStrictEqual(replaced);
			expect(await store.getQuiz('first-aid')).toStrictEqual(other);
			expect(quizSchema.parse(await store.getQuiz(quiz.id))).toStrictEqual(replaced);
			expect(await store.getQuiz('missing')).toBeNull();
		});

		// 7. Unknown ids read as null, not an error.
		it('7. getGame of an unknown id returns null', async () => {
			expect(await store.getGame('no-such-game')).toBeNull();
			await store.saveGame(sampleGame());
			expect(await store.getGame('no-such-game')).toBeNull();
		});

		// 8. deleteQuiz removes one quiz, reports whether there was one, and keeps games played from it.
		it('8. deletes a quiz', async () => {
			await store.saveQuiz(quiz, T0);
			await store.saveQuiz({ ...quiz, id: 'q-k3x9a2' }, T0 + 1);
			await store.saveGame(sampleGame());
			expect(await store.deleteQuiz(quiz.id)).toBe(true);
			expect(await store.deleteQuiz(quiz.id)).toBe(false);
			expect(await store.deleteQuiz('missing')).toBe(false);
			expect(await store.getQuiz(quiz.id)).toBeNull();
			expect((await store.listQuizzes()).map((q) => q.id)).toEqual(['q-k3x9a2']);
			expect((await store.getGame(sampleGame().id))?.quizId).toBe(quiz.id);
			// The id can be used again.
			await store.saveQuiz(quiz, T0 + 2);
			expect(await store.getQuiz(quiz.id)).toStrictEqual(quiz);
		});

		// ---- ownership (migration 0004): organisations A and B, and the shared scope ----------

		const A = { orgId: 'org-a' };
		const B = { orgId: 'org-b' };

		// 9. Quizzes: each organisation reads its own and the shared library, never the other's.
		it('9. scopes quiz reads: own and shared, never another organisation’s', async () => {
			const mine: Quiz = { ...quiz, id: 'q-aaaa', title: 'A 的测验' };
			const theirs: Quiz = { ...quiz, id: 'q-bbbb', title: 'B 的测验' };
			expect(await store.saveQuiz(quiz, T0)).toBe(true); // shared (shipped)
			expect(await store.saveQuiz(mine, T0 + 1, A.orgId)).toBe(true);
			expect(await store.saveQuiz(theirs, T0 + 2, B.orgId)).toBe(true);

			expect((await store.listQuizzes(A)).map((q) => [q.id, q.orgId])).toEqual([
				['q-aaaa', 'org-a'],
				[quiz.id, undefined]
			]);
			expect((await store.listQuizzes(B)).map((q) => q.id)).toEqual(['q-bbbb', quiz.id]);
			// The shared scope (signed out) sees the library only; a summary of it has no orgId key.
			const shared = await store.listQuizzes();
			expect(shared.map((q) => q.id)).toEqual([quiz.id]);
			expect('orgId' in shared[0]!).toBe(false);

			expect(await store.getQuiz('q-aaaa', A)).toStrictEqual(mine);
			expect(await store.getQuiz('q-aaaa', B)).toBeNull();
			expect(await store.getQuiz('q-aaaa')).toBeNull();
			expect(await store.getQuiz(quiz.id, B)).toStrictEqual(quiz);
			expect(await store.getOwnedQuiz('q-aaaa', A)).toStrictEqual({ quiz: mine, orgId: 'org-a' });
			expect(await store.getOwnedQuiz(quiz.id, A)).toStrictEqual({ quiz, orgId: null });
			expect(await store.getOwnedQuiz('q-bbbb', A)).toBeNull();
		});

		// 10. Quizzes: writes happen only where the scope is the owner, in the query itself.
		it('10. refuses to replace or delete another owner’s quiz', async () => {
			const mine: Quiz = { ...quiz, id: 'q-aaaa', title: 'A 的测验' };
			await store.saveQuiz(quiz, T0);
			await store.saveQuiz(mine, T0 + 1, A.orgId);

			// B cannot overwrite A's quiz by reusing its id, nor the shared one; nothing changes.
			expect(await store.saveQuiz({ ...mine, title: '被 B 改了' }, T0 + 5, B.orgId)).toBe(false);
			expect(await store.saveQuiz({ ...quiz, title: '被 B 改了' }, T0 + 5, B.orgId)).toBe(false);
			// Nor can the shared scope take over an organisation's quiz.
			expect(await store.saveQuiz({ ...mine, title: '被改了' }, T0 + 5)).toBe(false);
			expect(await store.getQuiz('q-aaaa', A)).toStrictEqual(mine);
			expect(await store.getQuiz(quiz.id, A)).toStrictEqual(quiz);
			expect((await store.listQuizzes(B)).map((q) => q.id)).toEqual([quiz.id]);

			// Deleting: B cannot delete A's quiz or the shared one; A cannot delete the shared one.
			expect(await store.deleteQuiz('q-aaaa', B)).toBe(false);
			expect(await store.deleteQuiz(quiz.id, B)).toBe(false);
			expect(await store.deleteQuiz(quiz.id, A)).toBe(false);
			expect(await store.getQuiz('q-aaaa', A)).toStrictEqual(mine);
			expect(await store.getQuiz(quiz.id)).toStrictEqual(quiz);

			// A replaces and deletes its own.
			const renamed = { ...mine, title: 'A 改名' };
			expect(await store.saveQuiz(renamed, T0 + 6, A.orgId)).toBe(true);
			expect(await store.getQuiz('q-aaaa', A)).toStrictEqual(renamed);
			expect(await store.deleteQuiz('q-aaaa', A)).toBe(true);
			expect(await store.getQuiz('q-aaaa', A)).toBeNull();
			// The shipped-library sync (the shared scope) still replaces and deletes shared quizzes.
			expect(await store.saveQuiz({ ...quiz, title: '新版' }, T0 + 7)).toBe(true);
			expect(await store.deleteQuiz(quiz.id)).toBe(true);
		});

		// 11. Games: read in exactly their scope. Quick games are never listed with an organisation's.
		it('11. scopes games: an organisation sees only its own, quick games only by the shared scope', async () => {
			const quick = sampleGame(`1111-${T0}`, '111111', T0);
			const a1 = { ...sampleGame(`2222-${T0 + 1}`, '222222', T0 + 1), orgId: 'org-a' };
			const a2 = { ...sampleGame(`3333-${T0 + 2}`, '111111', T0 + 2), orgId: 'org-a' };
			const b1 = { ...sampleGame(`4444-${T0 + 3}`, '444444', T0 + 3), orgId: 'org-b' };
			for (const g of [quick, a1, a2, b1]) await store.saveGame(g);

			expect((await store.listGames(10, A)).map((g) => g.id)).toEqual([a2.id, a1.id]);
			expect((await store.listGames(10, B)).map((g) => g.id)).toEqual([b1.id]);
			expect((await store.listGames(10, { orgId: 'org-c' })).map((g) => g.id)).toEqual([]);
			expect((await store.listGames(10)).map((g) => g.id)).toEqual([quick.id]);

			expect(await store.getGame(a1.id, A)).toStrictEqual(ordered(a1));
			expect((await store.getGame(a1.id, A))?.orgId).toBe('org-a');
			expect(await store.getGame(a1.id, B)).toBeNull();
			expect(await store.getGame(a1.id)).toBeNull();
			expect(await store.getGame(quick.id)).toStrictEqual(ordered(quick));
			expect(await store.getGame(quick.id, A)).toBeNull();

			// Under a shared PIN each scope finds its own latest game only.
			expect((await store.latestGameByPin('111111', A))?.id).toBe(a2.id);
			expect((await store.latestGameByPin('111111'))?.id).toBe(quick.id);
			expect(await store.latestGameByPin('111111', B)).toBeNull();
			expect(await store.latestGameByPin('444444', A)).toBeNull();
		});
		// 12. A contest-day game keeps its teams, audience, rounds, draw and each question's extras.
		it('12. saves and reads back a contest-day game exactly', async () => {
			const game = contestDayGame();
			await store.saveGame(game);
			const back = await store.getGame(game.id);
			expect(back).toStrictEqual(ordered(game));
			expect(back?.players.map((p) => [p.nickname, p.teamId, p.audience])).toEqual([
				['李四', 't1', false],
				['Zhang', 't2', false],
				['Bob', null, true],
				['bob', 't1', false]
			]);
			expect(back?.questions[0]?.extra?.buzzes?.map((b) => b.marginMs)).toEqual([0, 12, 0]);
			expect(back?.questions[1]?.extra?.stakes).toEqual({ t1: 30, t2: 10 });
			expect(back?.questions[2]?.extra).toBeNull();
			expect(back?.draw).toEqual({ seed: '0a1b2c3d', order: ['t2', 't1'], at: T0 - 60_000 });
			expect((await store.latestGameByPin('5150'))?.teams.map((t) => t.name)).toEqual([
				'红队',
				'蓝队'
			]);
		});

		// 13. A game written before migration 0009 (no team, audience, extra or plan columns set)
		//     reads back with the defaults: no team, not audience, no extras, no teams or plan.
		it('13. reads an old-shaped game back with the contest-day defaults', async () => {
			const game = sampleGame(`6060-${T0}`, '6060');
			await db
				.insertInto('games')
				.values({
					id: game.id,
					pin: game.pin,
					org_id: null,
					quiz_id: game.quizId,
					title: game.title,
					settings: JSON.stringify(game.settings),
					created_at: game.createdAt,
					ended_at: game.endedAt,
					player_count: game.players.length
				})
				.execute();
			await db
				.insertInto('game_questions')
				.values(
					game.questions.map((q) => ({
						game_id: game.id,
						idx: q.index,
						question: JSON.stringify(q.question),
						limit_ms: q.limitMs
					}))
				)
				.execute();
			await db
				.insertInto('game_players')
				.values(
					game.players.map((p) => ({
						game_id: game.id,
						player_id: p.id,
						nickname: p.nickname,
						score: p.score,
						correct_count: p.correctCount,
						total_time_ms: p.totalTimeMs,
						rank: p.rank,
						kicked: p.kicked ? 1 : 0,
						joined_at: p.joinedAt
					}))
				)
				.execute();
			const back = await store.getGame(game.id);
			expect(back).toStrictEqual({ ...ordered(game), answers: [] });
			expect(back?.players.every((p) => p.teamId === null && !p.audience)).toBe(true);
			expect(back?.questions.every((q) => q.extra === null)).toBe(true);
			expect([back?.teams, back?.teamScoring, back?.rounds, back?.draw]).toEqual([
				[],
				null,
				null,
				null
			]);
		});

		/** Saves `game` in batches of `size` rows, as the room archive does; stops after `stopAfter`. */
		async function saveInBatches(
			game: FinishedGame,
			size: number,
			stopAfter = Number.POSITIVE_INFINITY
		): Promise<boolean> {
			const { players, answers, ...head } = game;
			const attempt = await store.beginGame(head);
			if (attempt === null) return false;
			let batches = 0;
			for (let i = 0; i < players.length; i += size) {
				if (batches++ >= stopAfter) return false;
				await store.addGamePlayers(game.id, players.slice(i, i + size));
			}
			for (let i = 0; i < answers.length; i += size) {
				if (batches++ >= stopAfter) return false;
				await store.addGameAnswers(game.id, answers.slice(i, i + size));
			}
			return store.finishGame(game.id, attempt);
		}

		// 14. A game saved in batches reads back equal to one saved whole, also when a batch
		//     repeats rows another already wrote (a live store scan may return a record twice).
		it(
			'14. a game saved in batches reads back as one saved whole',
			{ timeout: 60_000 },
			async () => {
				const whole = bigGame(`7171-${T0}`, 2500, 2);
				const batched = { ...bigGame(`7272-${T0}`, 2500, 2), pin: '7272' };
				await store.saveGame(whole);
				expect(await saveInBatches(batched, 1000)).toBe(true);
				const repeats = await store.beginGame({ ...batched, title: 'again' });
				expect(repeats).toBeNull(); // already saved: nothing to do
				const back = await store.getGame(batched.id);
				expect(back).toStrictEqual(ordered(batched));
				expect({ ...back, id: whole.id, pin: whole.pin }).toStrictEqual(
					await store.getGame(whole.id)
				);
				expect((await store.listGames(5)).find((g) => g.id === batched.id)?.playerCount).toBe(2500);

				const contest = contestDayGame(`5252-${T0}`);
				const { players, answers, ...head } = contest;
				const attempt = (await store.beginGame(head))!;
				await store.addGamePlayers(contest.id, players);
				await store.addGamePlayers(contest.id, players.slice(0, 1)); // a repeat: kept once
				await store.addGameAnswers(contest.id, answers);
				await store.addGameAnswers(contest.id, answers.slice(-1));
				expect(await store.finishGame(contest.id, attempt)).toBe(true);
				expect(await store.getGame(contest.id)).toStrictEqual(ordered(contest));
				// Finishing is once: the attempt is spent.
				expect(await store.finishGame(contest.id, attempt)).toBe(false);
			}
		);

		// 15. A game begun and not finished is not read, listed or found by PIN; an interrupted save
		//     retried in full leaves exactly one complete copy, and the stale attempt cannot finish.
		it(
			'15. an interrupted batched save is invisible, and a retry leaves one copy',
			{ timeout: 60_000 },
			async () => {
				const game = { ...bigGame(`7373-${T0}`, 2500, 2), orgId: null };
				expect(await saveInBatches(game, 1000, 4)).toBe(false); // players, then 1 of 5 answer batches
				expect(await store.getGame(game.id)).toBeNull();
				expect(await store.latestGameByPin(game.pin)).toBeNull();
				expect(await store.listGames(10)).toEqual([]);

				const { players: _p, answers: _a, ...head } = game;
				const stale = (await store.beginGame(head))!;
				// Another attempt takes the game over from the stale one, which may not finish it.
				expect(await saveInBatches(game, 1000)).toBe(true);
				expect(await store.finishGame(game.id, stale)).toBe(false);
				expect(await store.getGame(game.id)).toStrictEqual(ordered(game));
				expect(await store.listGames(10)).toEqual([
					expect.objectContaining({ id: game.id, playerCount: 2500 })
				]);
				const rows = async (table: 'game_players' | 'game_answers' | 'game_questions') =>
					Number(
						(
							await db
								.selectFrom(table)
								.select((eb) => eb.fn.countAll().as('n'))
								.where('game_id', '=', game.id)
								.executeTakeFirstOrThrow()
						).n
					);
				expect([
					await rows('game_players'),
					await rows('game_answers'),
					await rows('game_questions')
				]).toEqual([2500, 5000, 2]);

				// saveGame of a game left half-written also starts it afresh and finishes it.
				const other = sampleGame(`7474-${T0}`, '7474');
				await saveInBatches(other, 2, 1);
				expect(await store.getGame(other.id)).toBeNull();
				await store.saveGame(other);
				expect(await store.getGame(other.id)).toStrictEqual(ordered(other));
			}
		);
	});
}
