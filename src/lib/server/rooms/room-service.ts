// Orchestrates a live room: applies the pure domain to state held in the live store, and tells the
// transport what to send. Knows nothing of sockets; any process can run any command.
import { checkAnswerShape, isCorrect, type AnswerInput } from '../../domain/answer';
import { cleanNickname, nicknameKey } from '../../domain/nickname';
import type { Quiz } from '../../domain/question';
import {
	applyCommand,
	canJoin,
	createRoomState,
	remainingMs,
	type RoomCommand,
	type RoomState
} from '../../domain/room';
import { questionLimitSec, questionPoints, scoreQuestion } from '../../domain/round-scoring';
import { publicQuestion, revealOf } from '../../domain/view';
import type {
	AnswerProgress,
	HostCommandPayload,
	HostControl,
	LeaderRow,
	PlayerResult,
	PlayerSelf,
	PlayerSummary,
	RoomView
} from '../../protocol';
import {
	rankKey,
	type LiveStore,
	type PlayerRecord,
	type RankedResult,
	type StoredRoom
} from '../live/port';
import type { FinishedGame, RecordStore } from '../records/port';
import { RoomError } from './errors';
import { hashSecret, newId, newPin, newSecret, secretMatches } from './secrets';

/** What the service asks the transport to deliver; implemented over Socket.IO. */
export interface RoomBroadcast {
	/** The new view, to every client of the room (encoded once). */
	view(pin: string, view: RoomView): void;
	playerJoined(pin: string, player: PlayerSummary, count: number): void;
	playerLeft(pin: string, playerId: string, count: number): void;
	progress(pin: string, progress: AnswerProgress): void;
	/** Every process delivers question `index`'s results to its own connected players. */
	resultsReady(pin: string, index: number): void;
	kicked(pin: string, playerId: string): void;
	/** State changed: the process holding the room's clock re-reads its deadline. */
	stateChanged(pin: string): void;
}

export interface RoomServiceDeps {
	live: LiveStore;
	records: RecordStore;
	now: () => number;
	broadcast: RoomBroadcast;
	/** Whether a user is a member of an organisation; without it, nobody is. */
	isMember?: (orgId: string, userId: string) => Promise<boolean>;
}

/** The signed-in host opening a room, and the organisation it is opened for (if any). */
export interface RoomOwner {
	userId: string;
	orgId: string | null;
}

/** Who asks to control a room: a quick room's secret, or a signed-in user. */
export type HostCredential = { secret: string } | { userId: string };

const LEADERBOARD_SIZE = 10;
const MAX_CO_HOSTS = 20;
const CAS_RETRIES = 8;

interface AnswerCheck {
	index: number;
	count: number;
	running: boolean;
	again: boolean;
}

export class RoomService {
	private answerChecks = new Map<string, AnswerCheck>();
	/** A room's quiz and owning organisation never change, so each process caches them. */
	private fixed = new Map<string, { quiz: Quiz; orgId: string | null }>();
	constructor(private readonly deps: RoomServiceDeps) {}

	private get live() {
		return this.deps.live;
	}

	/** Opens a quick room, controlled by the secret returned (only its hash is stored). */
	async createRoom(quiz: Quiz): Promise<{ pin: string; hostSecret: string }> {
		const hostSecret = newSecret();
		const pin = await this.openRoom(quiz, {
			hostSecretHash: hashSecret(hostSecret),
			ownerUserId: null,
			orgId: null,
			coHostIds: []
		});
		return { pin, hostSecret };
	}

	/** Opens a room controlled by its owner's sessions (and co-hosts); there is no secret. */
	async createOwnedRoom(quiz: Quiz, owner: RoomOwner): Promise<{ pin: string }> {
		const pin = await this.openRoom(quiz, {
			hostSecretHash: null,
			ownerUserId: owner.userId,
			orgId: owner.orgId,
			coHostIds: []
		});
		return { pin };
	}

	private async openRoom(quiz: Quiz, control: Omit<StoredRoom, 'state' | 'quiz'>): Promise<string> {
		for (let attempt = 0; attempt < 20; attempt++) {
			const pin = newPin();
			const state = createRoomState({
				pin,
				quizId: quiz.id,
				title: quiz.title,
				settings: quiz.settings,
				questionCount: quiz.questions.length,
				now: this.deps.now()
			});
			if (await this.live.createRoom({ state, quiz, ...control })) {
				this.fixed.set(pin, { quiz, orgId: control.orgId });
				return pin;
			}
		}
		throw new RoomError('INTERNAL', 'no free PIN');
	}

	/** The room's quiz; immutable for the room's life, so cached per process. */
	private async fixedOf(pin: string): Promise<{ quiz: Quiz; orgId: string | null }> {
		const cached = this.fixed.get(pin);
		if (cached) return cached;
		const room = await this.live.getRoom(pin);
		if (!room) throw new RoomError('ROOM_NOT_FOUND');
		const entry = { quiz: room.quiz, orgId: room.orgId };
		this.fixed.set(pin, entry);
		return entry;
	}

	async quizOf(pin: string): Promise<Quiz> {
		return (await this.fixedOf(pin)).quiz;
	}

	async state(pin: string): Promise<RoomState> {
		const s = await this.live.getState(pin);
		if (!s) throw new RoomError('ROOM_NOT_FOUND');
		return s;
	}

	// ——— players ———

	async join(pin: string, rawNickname: string) {
		const state = await this.state(pin);
		const refusal = canJoin(state);
		if (refusal) throw new RoomError(refusal);
		const cleaned = cleanNickname(rawNickname);
		if (!cleaned.ok) throw new RoomError(cleaned.code);
		const token = newSecret();
		const player: PlayerRecord = {
			id: newId(),
			nickname: cleaned.nickname,
			joinedAt: this.deps.now(),
			kicked: false,
			score: 0,
			streak: 0,
			correctCount: 0,
			totalTimeMs: 0
		};
		const outcome = await this.live.addPlayer(
			pin,
			player,
			nicknameKey(cleaned.nickname),
			hashSecret(token)
		);
		if (outcome !== 'ok') throw new RoomError(outcome);
		const count = await this.live.playerCount(pin);
		this.deps.broadcast.playerJoined(pin, summary(player, true), count);
		return { token, player };
	}

	async resume(pin: string, token: string): Promise<PlayerRecord> {
		await this.state(pin);
		const player = await this.live.playerByToken(pin, hashSecret(token));
		if (!player) throw new RoomError('NOT_JOINED', '找不到你的参与记录，请重新加入');
		if (player.kicked) throw new RoomError('KICKED');
		return player;
	}

	async self(pin: string, playerId: string): Promise<PlayerSelf> {
		const [player, state] = await Promise.all([
			this.live.getPlayer(pin, playerId),
			this.state(pin)
		]);
		if (!player) throw new RoomError('PLAYER_NOT_FOUND');
		const answer =
			state.phase === 'question' || state.phase === 'reveal'
				? await this.live.getAnswer(pin, state.index, playerId)
				: null;
		return {
			playerId,
			nickname: player.nickname,
			score: player.score,
			streak: player.streak,
			rank: state.index >= 0 ? await this.live.rankOf(pin, playerId) : null,
			answered: answer?.answer ?? null
		};
	}

	async connected(pin: string, playerId: string, online: boolean): Promise<number> {
		return this.live.setOnline(pin, playerId, online ? 1 : -1);
	}

	/**
	 * Stores an answer (one atomic store operation) and returns only after the store has it.
	 * Closes the question early once every connected player has answered.
	 */
	async answer(pin: string, playerId: string, index: number, answer: AnswerInput) {
		const quiz = await this.quizOf(pin);
		const q = quiz.questions[index];
		if (!q) throw new RoomError('WRONG_QUESTION');
		if (checkAnswerShape(q, answer)) throw new RoomError('BAD_ANSWER');
		const out = await this.live.submitAnswer(pin, index, playerId, answer, this.deps.now());
		if (out.status === 'refused') throw new RoomError(out.code);
		if (out.status === 'stored') this.afterAnswer(pin, index, out.count);
		return { index, duplicate: out.status === 'duplicate' };
	}

	/**
	 * Answers arriving together share one check: the latest count is kept and the check (progress
	 * to hosts, close when everyone online has answered) runs once per turn of the event loop, not
	 * once per answer, so its store reads do not grow with the number of players.
	 */
	private afterAnswer(pin: string, index: number, count: number) {
		const key = `${pin}:${index}`;
		const pending = this.answerChecks.get(key);
		if (pending) {
			pending.count = Math.max(pending.count, count);
			if (pending.running) pending.again = true;
			return;
		}
		const check = { index, count, running: false, again: false };
		this.answerChecks.set(key, check);
		setImmediate(() => void this.runAnswerCheck(pin, key, check));
	}

	private async runAnswerCheck(pin: string, key: string, check: AnswerCheck) {
		check.running = true;
		check.again = false;
		const { index, count } = check;
		try {
			const online = await this.live.onlineCount(pin);
			this.deps.broadcast.progress(pin, { index, answered: count, online });
			// `count` includes answers of players who have since left, so it only rules closing out;
			// close once every player online now has an answer stored.
			if (online > 0 && count >= online && (await this.allOnlineAnswered(pin, index))) {
				await this.apply(pin, { type: 'close', index, reason: 'all-answered' });
			}
		} catch (e) {
			if (!(e instanceof RoomError)) console.error('[room] after answer', e);
		} finally {
			check.running = false;
			if (check.again) setImmediate(() => void this.runAnswerCheck(pin, key, check));
			else this.answerChecks.delete(key);
		}
	}

	private async allOnlineAnswered(pin: string, index: number): Promise<boolean> {
		const [online, answers] = await Promise.all([
			this.live.onlineIds(pin),
			this.live.listAnswers(pin, index)
		]);
		const answered = new Set(answers.map((a) => a.playerId));
		return online.length > 0 && online.every((id) => answered.has(id));
	}

	// ——— host ———

	async verifyHost(pin: string, secret: string): Promise<void> {
		await this.authorizeHost(pin, { secret });
	}

	private async member(orgId: string, userId: string): Promise<boolean> {
		return (await this.deps.isMember?.(orgId, userId)) ?? false;
	}

	/**
	 * Who may control a room: with a quick room's secret, whoever holds it; a signed-in user only
	 * if they opened the room or were added as co-host, and (for an organisation's room) are still
	 * a member of that organisation. Anyone else gets NOT_HOST.
	 */
	async authorizeHost(pin: string, cred: HostCredential): Promise<HostControl> {
		const room = await this.live.getRoom(pin);
		if (!room) throw new RoomError('ROOM_NOT_FOUND');
		if ('secret' in cred) {
			if (room.hostSecretHash === null || !secretMatches(cred.secret, room.hostSecretHash)) {
				throw new RoomError('NOT_HOST');
			}
			return 'secret';
		}
		const control: HostControl | null =
			room.ownerUserId !== null && room.ownerUserId === cred.userId
				? 'owner'
				: room.coHostIds.includes(cred.userId)
					? 'cohost'
					: null;
		if (!control) throw new RoomError('NOT_HOST');
		if (room.orgId !== null && !(await this.member(room.orgId, cred.userId))) {
			throw new RoomError('NOT_HOST', '你已不是本组织的成员，不能主持这个房间');
		}
		return control;
	}

	/** The room's co-hosts (user ids); only its owner may ask. */
	async coHosts(pin: string, ownerUserId: string): Promise<string[]> {
		const room = await this.live.getRoom(pin);
		if (!room) throw new RoomError('ROOM_NOT_FOUND');
		if (room.ownerUserId !== ownerUserId) throw new RoomError('NOT_HOST');
		return room.coHostIds;
	}

	/**
	 * The owner adds a co-host, who must be a member of the room's organisation. Only the owner
	 * may; a quick room or a room outside any organisation has no co-hosts.
	 */
	async addCoHost(pin: string, ownerUserId: string, coHostUserId: string | null): Promise<void> {
		const room = await this.live.getRoom(pin);
		if (!room) throw new RoomError('ROOM_NOT_FOUND');
		if (room.ownerUserId === null || room.ownerUserId !== ownerUserId) {
			throw new RoomError('NOT_HOST', '只有开房的主持人可以添加协同主持');
		}
		if (room.orgId === null) {
			throw new RoomError('NOT_MEMBER', '这个房间不属于任何组织，不能添加协同主持');
		}
		if (coHostUserId === null || !(await this.member(room.orgId, coHostUserId))) {
			throw new RoomError('NOT_MEMBER');
		}
		if (coHostUserId === ownerUserId)
			throw new RoomError('BAD_REQUEST', '你已经是这个房间的主持人');
		if (room.coHostIds.includes(coHostUserId)) return;
		if (room.coHostIds.length >= MAX_CO_HOSTS) {
			throw new RoomError('BAD_REQUEST', `协同主持最多 ${MAX_CO_HOSTS} 人`);
		}
		if (!(await this.live.addCoHost(pin, coHostUserId))) throw new RoomError('ROOM_NOT_FOUND');
	}

	async command(pin: string, cmd: HostCommandPayload): Promise<RoomView> {
		await this.apply(pin, cmd);
		return this.view(pin);
	}

	async kick(pin: string, playerId: string): Promise<void> {
		const ok = await this.live.kickPlayer(pin, playerId);
		if (!ok) throw new RoomError('PLAYER_NOT_FOUND');
		this.deps.broadcast.kicked(pin, playerId);
		this.deps.broadcast.playerLeft(pin, playerId, await this.live.playerCount(pin));
	}

	async players(pin: string): Promise<PlayerSummary[]> {
		const [all, online] = await Promise.all([this.live.listPlayers(pin), this.live.onlineIds(pin)]);
		const on = new Set(online);
		return all.filter((p) => !p.kicked).map((p) => summary(p, on.has(p.id)));
	}

	/** Moves an auto-advancing reveal or leaderboard on; called by the room's clock. */
	async phaseTimeUp(pin: string, phase: 'reveal' | 'leaderboard', index: number): Promise<void> {
		await this.apply(pin, { type: 'advance', phase, index });
	}

	/** Closes the question if its deadline has passed; called by the room's clock. */
	async deadlineReached(pin: string, index: number): Promise<void> {
		await this.apply(pin, { type: 'close', index, reason: 'deadline' });
	}

	/**
	 * Applies a command with compare-and-set on the state's version, so that concurrent commands
	 * from several processes serialise; the winner alone runs the transition's effects.
	 */
	async apply(pin: string, cmd: RoomCommand): Promise<RoomState> {
		const quiz = await this.quizOf(pin);
		const limitOf = (i: number) => {
			const q = quiz.questions[i];
			return q ? questionLimitSec(q, quiz.settings) : quiz.settings.timeLimit;
		};
		for (let attempt = 0; attempt < CAS_RETRIES; attempt++) {
			const state = await this.state(pin);
			const t = applyCommand(state, cmd, this.deps.now(), limitOf);
			if (!t.ok) throw new RoomError(t.code, t.message);
			if (!(await this.live.casState(pin, state.version, t.state))) continue;
			for (const effect of t.effects) {
				if (effect.type === 'questionClosed') await this.score(pin, quiz, t.state);
			}
			if (t.state.phase === 'ended') await this.finish(pin, quiz, t.state);
			this.deps.broadcast.stateChanged(pin);
			this.deps.broadcast.view(pin, await this.view(pin, t.state));
			if (t.effects.some((e) => e.type === 'questionClosed')) {
				this.deps.broadcast.resultsReady(pin, t.state.index);
			}
			return t.state;
		}
		throw new RoomError('STALE');
	}

	/** One pass over the question's answers: results, standings and leaderboard in one write. */
	private async score(pin: string, quiz: Quiz, state: RoomState): Promise<void> {
		const q = quiz.questions[state.index];
		if (!q) return;
		const [answers, players] = await Promise.all([
			this.live.listAnswers(pin, state.index),
			this.live.listPlayers(pin)
		]);
		const active = players.filter((p) => !p.kicked);
		const { results, standings, distribution } = scoreQuestion(
			q,
			quiz.settings,
			state.limitMs,
			answers,
			active
		);
		// Rank exactly as the store's leaderboard and rankOf do (rankKey, ties in reverse id order),
		// so that the rank in a player's result matches their row on the leaderboard.
		const order = [...standings].sort(
			(a, b) => rankKey(b) - rankKey(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
		);
		const rankOf = new Map(order.map((s, i) => [s.id, i + 1]));
		const ranked: RankedResult[] = results.map((r) => ({
			...r,
			rank: rankOf.get(r.playerId) ?? null
		}));
		await this.live.commitScores(
			pin,
			{ index: state.index, limitMs: state.limitMs, distribution },
			ranked,
			standings
		);
	}

	/** Saves the finished game as a durable record, then stops the room's clock. */
	private async finish(pin: string, quiz: Quiz, state: RoomState): Promise<void> {
		const game = await this.snapshotGame(pin, quiz, state);
		await this.deps.records.saveGame(game);
		await this.live.markInactive(pin);
	}

	async snapshotGame(pin: string, quiz: Quiz, state: RoomState): Promise<FinishedGame> {
		const [players, scored, board, room] = await Promise.all([
			this.live.listPlayers(pin),
			this.live.listScored(pin),
			this.live.leaderboard(pin, Number.MAX_SAFE_INTEGER),
			this.live.getRoom(pin)
		]);
		const rank = new Map(board.map((p, i) => [p.id, i + 1]));
		const limits = new Map(scored.map((s) => [s.index, s.limitMs]));
		const answers: FinishedGame['answers'] = [];
		for (const s of scored) {
			const q = quiz.questions[s.index];
			if (!q) continue;
			const list = await this.live.listAnswers(pin, s.index);
			const results = await this.live.getResults(
				pin,
				s.index,
				list.map((a) => a.playerId)
			);
			list.forEach((a, i) => {
				answers.push({
					questionIndex: s.index,
					playerId: a.playerId,
					answer: a.answer,
					elapsedMs: a.elapsedMs,
					receivedAt: a.receivedAt,
					correct: isCorrect(q, a.answer),
					points: results[i]?.points ?? 0
				});
			});
		}
		return {
			id: `${pin}-${state.createdAt}`,
			pin,
			// The game belongs where the room did: its organisation, or nobody for a quick room.
			orgId: room?.orgId ?? null,
			quizId: quiz.id,
			title: quiz.title,
			settings: quiz.settings,
			createdAt: state.createdAt,
			endedAt: state.endedAt ?? this.deps.now(),
			questions: quiz.questions.map((question, index) => ({
				index,
				question,
				limitMs: limits.get(index) ?? null
			})),
			players: players.map((p) => ({
				id: p.id,
				nickname: p.nickname,
				score: p.score,
				correctCount: p.correctCount,
				totalTimeMs: p.totalTimeMs,
				rank: p.kicked ? null : (rank.get(p.id) ?? null),
				kicked: p.kicked,
				joinedAt: p.joinedAt
			})),
			answers
		};
	}

	// ——— views ———

	async view(pin: string, known?: RoomState): Promise<RoomView> {
		const state = known ?? (await this.state(pin));
		const { quiz, orgId } = await this.fixedOf(pin);
		const now = this.deps.now();
		const q = state.index >= 0 ? quiz.questions[state.index] : undefined;
		const showQuestion = q && (state.phase === 'question' || state.phase === 'reveal');
		let reveal: RoomView['reveal'] = null;
		if (q && state.phase === 'reveal') {
			const scored = await this.live.getScored(pin, state.index);
			if (scored) reveal = revealOf(q, state.index, scored.distribution);
		}
		let leaderboard: LeaderRow[] | null = null;
		if (state.phase === 'leaderboard' || state.phase === 'podium' || state.phase === 'ended') {
			const top = await this.live.leaderboard(pin, LEADERBOARD_SIZE);
			leaderboard = top.map((p, i) => ({
				rank: i + 1,
				playerId: p.id,
				nickname: p.nickname,
				score: p.score
			}));
		}
		return {
			pin,
			title: state.title,
			phase: state.phase,
			index: state.index,
			questionCount: state.questionCount,
			locked: state.locked,
			allowLateJoin: state.allowLateJoin,
			playerCount: await this.live.playerCount(pin),
			paused: state.pausedAt !== null,
			remainingMs: remainingMs(state, now),
			autoAdvance: state.autoAdvance,
			// An organisation's results are for its members; a quick room's are public by link.
			publicResults: orgId === null,
			phaseRemainingMs: state.phaseEndsAt === null ? null : Math.max(0, state.phaseEndsAt - now),
			limitMs: state.limitMs,
			serverNow: now,
			question: showQuestion
				? publicQuestion(
						q,
						state.index,
						quiz.questions.length,
						questionPoints(q, quiz.settings),
						questionLimitSec(q, quiz.settings)
					)
				: null,
			reveal,
			leaderboard
		};
	}

	/** Results of question `index` for the given players, ready to send to each. */
	async results(
		pin: string,
		index: number,
		playerIds: string[]
	): Promise<Map<string, PlayerResult>> {
		const out = new Map<string, PlayerResult>();
		if (playerIds.length === 0) return out;
		const [rows, playerCount] = await Promise.all([
			this.live.getResults(pin, index, playerIds),
			this.live.playerCount(pin)
		]);
		for (const r of rows) {
			if (!r) continue;
			out.set(r.playerId, {
				index,
				answered: r.answered,
				correct: r.correct,
				points: r.points,
				bonus: r.bonus,
				streak: r.streak,
				score: r.score,
				rank: r.rank,
				playerCount
			});
		}
		return out;
	}
}

function summary(p: PlayerRecord, online: boolean): PlayerSummary {
	return { id: p.id, nickname: p.nickname, online, score: p.score };
}
