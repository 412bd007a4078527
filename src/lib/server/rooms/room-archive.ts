// The finished game as a durable record: every player, every scored question and every answer
// with its server time, so that scores can be recomputed from what was stored.
//
// A room may hold a million players, so the game is streamed: a page read from the live store, then
// written, then a turn of the event loop for the sockets, and the next page. No more than a page of
// players or answers is in memory at once. An attempt stopped half-way (the database went away, the
// process died) leaves an unfinished game no reader sees; the clock's retry writes it afresh.
import { isCorrect } from '../../domain/answer';
import type { Quiz } from '../../domain/question';
import type { RoomState } from '../../domain/room';
import {
	SCAN_START,
	type PlayerRecord,
	type ScanPage,
	type ScoredQuestion,
	type StoredRoom
} from '../live/port';
import {
	GAME_BATCH_ROWS,
	type GameHead,
	type GamePlayerRecord,
	type RecordStore
} from '../records/port';
import type { RoomContext } from './room-context';
import { teamsOf } from './room-plan';

/** Lets the sockets' events in between two batches: a long save must not stall the room's peers. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

function playerRow(p: PlayerRecord, rank: number | null): GamePlayerRecord {
	return {
		id: p.id,
		nickname: p.nickname,
		score: p.score,
		correctCount: p.correctCount,
		totalTimeMs: p.totalTimeMs,
		rank: p.kicked ? null : rank,
		kicked: p.kicked,
		joinedAt: p.joinedAt,
		teamId: p.audience ? null : (p.teamId ?? null),
		audience: p.audience ?? false
	};
}

/** Walks a live-store scan to its end, handing over each non-empty page and breathing between. */
async function eachPage<T>(
	read: (cursor: string) => Promise<ScanPage<T>>,
	write: (items: T[]) => Promise<void>
): Promise<void> {
	let cursor = SCAN_START;
	do {
		const page = await read(cursor);
		if (page.items.length > 0) await write(page.items);
		cursor = page.next;
		await breathe();
	} while (cursor !== SCAN_START);
}

export class RoomArchive {
	constructor(private readonly ctx: RoomContext) {}

	private get records(): RecordStore {
		return this.ctx.deps.records;
	}

	/** Saves the finished game as a durable record; saving it again keeps one copy. */
	async save(pin: string, quiz: Quiz, state: RoomState): Promise<void> {
		const live = this.ctx.live;
		const [scored, room] = await Promise.all([live.listScored(pin), live.getRoom(pin)]);
		const head = this.head(pin, quiz, state, scored, room);
		const attempt = await this.records.beginGame(head);
		if (attempt === null) return; // saved already, by an earlier run of this task
		await this.savePlayers(pin, head.id);
		for (const s of scored) await this.saveAnswers(pin, head.id, quiz, s.index);
		if (!(await this.records.finishGame(head.id, attempt))) {
			// Another attempt took the game over while this one wrote; the task stays pending
			// until one of them has finished it (and a retry then finds it saved).
			throw new Error(`game ${head.id}: this save was taken over by another`);
		}
	}

	/**
	 * The ranked players from the leaderboard, in rank order a page at a time (rank: place on it);
	 * then the kicked ones, off the leaderboard, unranked. Every player not kicked is on the
	 * leaderboard from joining on, so the two passes write each player once.
	 */
	private async savePlayers(pin: string, gameId: string): Promise<void> {
		const live = this.ctx.live;
		for (let offset = 0; ; offset += GAME_BATCH_ROWS) {
			const page = await live.leaderboardPage(pin, offset, GAME_BATCH_ROWS);
			if (page.length > 0) {
				await this.records.addGamePlayers(
					gameId,
					page.map((p, i) => playerRow(p, offset + i + 1))
				);
			}
			await breathe();
			if (page.length < GAME_BATCH_ROWS) break;
		}
		const kicked = await live.listKicked(pin);
		for (let from = 0; from < kicked.length; from += GAME_BATCH_ROWS) {
			await this.records.addGamePlayers(
				gameId,
				kicked.slice(from, from + GAME_BATCH_ROWS).map((p) => playerRow(p, null))
			);
		}
	}

	/** A scored question's answers with their results, a page at a time. */
	private async saveAnswers(pin: string, gameId: string, quiz: Quiz, index: number) {
		const q = quiz.questions[index];
		if (!q) return;
		const live = this.ctx.live;
		await eachPage(
			(cursor) => live.scanAnswers(pin, index, cursor, GAME_BATCH_ROWS),
			async (answers) => {
				const results = await live.getResults(
					pin,
					index,
					answers.map((a) => a.playerId)
				);
				await this.records.addGameAnswers(
					gameId,
					answers.map((a, i) => ({
						questionIndex: index,
						playerId: a.playerId,
						answer: a.answer,
						elapsedMs: a.elapsedMs,
						receivedAt: a.receivedAt,
						correct: isCorrect(q, a.answer),
						points: results[i]?.points ?? 0
					}))
				);
			}
		);
	}

	private head(
		pin: string,
		quiz: Quiz,
		state: RoomState,
		scored: ScoredQuestion[],
		room: StoredRoom | null
	): GameHead {
		const limits = new Map(scored.map((s) => [s.index, s.limitMs]));
		const extras = new Map(scored.map((s) => [s.index, s.extra ?? null]));
		const teams = teamsOf(quiz);
		return {
			id: `${pin}-${state.createdAt}`,
			pin,
			// The game belongs where the room did: its organisation, or nobody for a quick room.
			orgId: room?.orgId ?? null,
			quizId: quiz.id,
			title: quiz.title,
			settings: quiz.settings,
			createdAt: state.createdAt,
			endedAt: state.endedAt ?? this.ctx.now(),
			questions: quiz.questions.map((question, index) => ({
				index,
				question,
				limitMs: limits.get(index) ?? null,
				extra: extras.get(index) ?? null
			})),
			teams,
			teamScoring: teams.length > 0 ? (quiz.teams?.scoring ?? 'sum') : null,
			rounds: quiz.rounds ?? null,
			draw: state.day?.draw ?? null
		};
	}
}
