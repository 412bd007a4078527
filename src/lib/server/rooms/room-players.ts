// Players of a room: joining under a nickname, coming back with a token, presence, kicking.
import { cleanNickname, nicknameKey } from '../../domain/nickname';
import type { Quiz } from '../../domain/question';
import type { RoomState } from '../../domain/room';
import { roundAt } from '../../domain/rounds/plan';
import {
	HOST_PLAYER_SEARCH_SCAN,
	type PlayerCounts,
	type PlayerPage,
	type PlayerSelf,
	type PlayerSummary,
	type PlayerTeamSelf,
	type RoomView
} from '../../protocol';
import type { PlayerRecord } from '../live/port';
import { RoomError } from './errors';
import type { RoomContext } from './room-context';
import { isContestDay, placedByRoster, teamsOf } from './room-plan';
import type { RoomViews } from './room-views';
import { hashSecret, newId, newSecret } from './secrets';

/**
 * The key a client address's joins to one room are counted under: a digest, so that the live
 * store holds no addresses.
 */
function joinSourceKey(pin: string, address: string): string {
	return hashSecret(`${pin}\n${address}`).slice(0, 24);
}

export function playerSummary(p: PlayerRecord, online: boolean): PlayerSummary {
	const summary: PlayerSummary = { id: p.id, nickname: p.nickname, online, score: p.score };
	if (p.teamId) summary.teamId = p.teamId;
	if (p.audience) summary.audience = true;
	return summary;
}

/** Where a joining player sits: a team of the room, the audience, or (no teams) nowhere. */
export interface JoinSeat {
	teamId?: string;
	audience?: boolean;
	/** Rooms placing players by the roster: who they are there (the nickname is their name). */
	employeeNo?: string;
}

/** Names compare without spaces (a roster typed with "张 三" still matches 张三). */
const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

export class RoomPlayers {
	constructor(
		private readonly ctx: RoomContext,
		private readonly views: RoomViews
	) {}

	/**
	 * Adds a player under a nickname. `address` (the client's key) counts against the room's cap
	 * of joins per address (TOO_MANY_JOINS beyond it). Whether the room takes joins (locked,
	 * started, ended) the store judges in the step that adds the player: no state is read here.
	 */
	async join(pin: string, rawNickname: string, address?: string, seat: JoinSeat = {}) {
		const { quiz, orgId } = await this.ctx.fixedOf(pin);
		const cleaned = cleanNickname(rawNickname);
		if (!cleaned.ok) throw new RoomError(cleaned.code);
		const teams = teamsOf(quiz);
		let teamId: string | null = null;
		if (placedByRoster(quiz, orgId) && !seat.audience) {
			teamId = await this.rosterTeam(orgId!, teams, cleaned.nickname, seat.employeeNo);
		} else if (teams.length > 0 && !seat.audience) {
			if (!seat.teamId) throw new RoomError('TEAM_REQUIRED');
			if (!teams.some((t) => t.id === seat.teamId)) throw new RoomError('TEAM_NOT_FOUND');
			teamId = seat.teamId;
		} else if (seat.teamId && teams.length === 0) {
			throw new RoomError('NO_TEAMS');
		}
		const token = newSecret();
		const player: PlayerRecord = {
			id: newId(),
			nickname: cleaned.nickname,
			joinedAt: this.ctx.now(),
			kicked: false,
			score: 0,
			streak: 0,
			correctCount: 0,
			totalTimeMs: 0,
			...(teamId ? { teamId } : {}),
			...(seat.audience && teams.length > 0 ? { audience: true } : {})
		};
		const live = this.ctx.live;
		const cap = this.ctx.deps.joinsPerAddress ?? 0;
		const { outcome, count } = await live.addPlayer(
			pin,
			player,
			nicknameKey(cleaned.nickname),
			hashSecret(token),
			address !== undefined && cap > 0 ? { key: joinSourceKey(pin, address), cap } : undefined
		);
		if (outcome !== 'ok') throw new RoomError(outcome);
		this.ctx.broadcast.playerJoined(pin, playerSummary(player, true), count);
		return { token, player, count };
	}

	/** The team of the roster unit of this employee, whose roster name must be the nickname. */
	private async rosterTeam(
		orgId: string,
		teams: { id: string; name: string }[],
		nickname: string,
		employeeNo: string | undefined
	): Promise<string> {
		const roster = this.ctx.deps.roster;
		if (!employeeNo) throw new RoomError('ROSTER_REQUIRED');
		const row = roster ? await roster.find(orgId, employeeNo) : null;
		if (!row || !sameName(row.name, nickname)) throw new RoomError('ROSTER_NOT_FOUND');
		const team = teams.find((t) => t.name === row.unit);
		if (!team) throw new RoomError('TEAM_NOT_FOUND', `你所在的部门「${row.unit}」不在本场队伍中`);
		return team.id;
	}

	async resume(pin: string, token: string): Promise<PlayerRecord> {
		await this.ctx.state(pin);
		const player = await this.ctx.live.playerByToken(pin, hashSecret(token));
		if (!player) throw new RoomError('NOT_JOINED', '找不到你的参与记录，请重新加入');
		if (player.kicked) throw new RoomError('KICKED');
		return player;
	}

	/** What a player's phone shows of itself: score, streak, rank and the answer it gave. */
	async self(pin: string, playerId: string): Promise<PlayerSelf> {
		const live = this.ctx.live;
		const [player, state, quiz] = await Promise.all([
			live.getPlayer(pin, playerId),
			this.ctx.state(pin),
			this.ctx.quizOf(pin)
		]);
		if (!player) throw new RoomError('PLAYER_NOT_FOUND');
		const answer =
			state.phase === 'question' || state.phase === 'reveal'
				? await live.getAnswer(pin, state.index, playerId)
				: null;
		return {
			playerId,
			nickname: player.nickname,
			score: player.score,
			streak: player.streak,
			rank: state.index >= 0 ? await live.rankOf(pin, playerId) : null,
			answered: answer?.answer ?? null,
			team: isContestDay(quiz) ? await this.teamSelf(pin, quiz, state, player) : null
		};
	}

	/**
	 * What a phone that has just joined gets back: its `self` and the room's view. Nothing of the
	 * player's is stored beyond the record in hand (no score, no answer yet), so only the state
	 * (and the rank, in a started room) is read. The caller reads it once the socket listens on
	 * the room, so that no view broadcast can fall between the two.
	 */
	async newcomer(
		pin: string,
		player: PlayerRecord,
		count: number
	): Promise<{ self: PlayerSelf; view: RoomView }> {
		const [state, quiz] = await Promise.all([this.ctx.state(pin), this.ctx.quizOf(pin)]);
		const [rank, team, view] = await Promise.all([
			state.index >= 0 ? this.ctx.live.rankOf(pin, player.id) : null,
			isContestDay(quiz) ? this.teamSelf(pin, quiz, state, player) : null,
			this.views.view(pin, state, count)
		]);
		const self: PlayerSelf = {
			playerId: player.id,
			nickname: player.nickname,
			score: player.score,
			streak: player.streak,
			rank,
			answered: null,
			team
		};
		return { self, view };
	}

	private async teamSelf(
		pin: string,
		quiz: Quiz,
		state: RoomState,
		player: PlayerRecord
	): Promise<PlayerTeamSelf> {
		const teams = teamsOf(quiz);
		const teamId = player.audience ? null : (player.teamId ?? null);
		const rows = teamId ? await this.views.day.teamRows(pin, quiz, teams) : [];
		const pos = roundAt(quiz.rounds, state.index);
		let stake: number | null = null;
		if (pos?.round.type === 'wager' && !player.audience && state.phase !== 'lobby') {
			const holder = teams.length > 0 ? teamId : player.id;
			if (holder) stake = (await this.ctx.live.listStakes(pin, state.index))[holder] ?? null;
		}
		return {
			teamId,
			teamName: teams.find((t) => t.id === teamId)?.name ?? null,
			teamRank: rows.find((r) => r.teamId === teamId)?.rank ?? null,
			audience: player.audience ?? false,
			stake
		};
	}

	async connected(pin: string, playerId: string, online: boolean): Promise<number> {
		return this.ctx.live.setOnline(pin, playerId, online ? 1 : -1);
	}

	async kick(pin: string, playerId: string): Promise<void> {
		const live = this.ctx.live;
		if (!(await live.kickPlayer(pin, playerId))) throw new RoomError('PLAYER_NOT_FOUND');
		this.ctx.broadcast.kicked(pin, playerId);
		this.ctx.broadcast.playerLeft(pin, playerId, await live.playerCount(pin));
	}

	async counts(pin: string): Promise<PlayerCounts> {
		const live = this.ctx.live;
		const [total, online] = await Promise.all([live.playerCount(pin), live.onlineCount(pin)]);
		return { total, online };
	}

	/** A page of the room's players, newest first, each marked online or not. */
	async page(pin: string, offset: number, limit: number): Promise<PlayerPage> {
		const live = this.ctx.live;
		const [records, total] = await Promise.all([
			live.listPlayersPage(pin, offset, limit),
			live.playerCount(pin)
		]);
		return { players: await this.summaries(pin, records), offset, total };
	}

	/**
	 * The players whose nickname holds `query` (any case), newest first. The store keeps no index
	 * of nicknames, so this reads the newest HOST_PLAYER_SEARCH_SCAN players in chunks and stops
	 * there: bounded work per search, and `partial` says when older players went unsearched.
	 */
	async search(pin: string, query: string, offset: number, limit: number): Promise<PlayerPage> {
		const needle = query.toLowerCase();
		const chunk = 500;
		const matches: PlayerRecord[] = [];
		let total = 0;
		let scanned = 0;
		let partial = false;
		for (;;) {
			if (scanned >= HOST_PLAYER_SEARCH_SCAN) {
				partial = (await this.ctx.live.listPlayersPage(pin, scanned, 1)).length > 0;
				break;
			}
			const size = Math.min(chunk, HOST_PLAYER_SEARCH_SCAN - scanned);
			const records = await this.ctx.live.listPlayersPage(pin, scanned, size);
			scanned += records.length;
			for (const p of records) {
				if (!p.nickname.toLowerCase().includes(needle)) continue;
				if (total >= offset && matches.length < limit) matches.push(p);
				total++;
			}
			if (records.length < size) break;
		}
		const page: PlayerPage = { players: await this.summaries(pin, matches), offset, total };
		if (partial) page.partial = true;
		return page;
	}

	private async summaries(pin: string, records: PlayerRecord[]): Promise<PlayerSummary[]> {
		const online = await this.ctx.live.onlineOf(
			pin,
			records.map((p) => p.id)
		);
		return records.map((p, i) => playerSummary(p, online[i]!));
	}

	/** The room's players (kicked ones left out), each marked online or not. */
	async list(pin: string): Promise<PlayerSummary[]> {
		const live = this.ctx.live;
		const [all, online] = await Promise.all([live.listPlayers(pin), live.onlineIds(pin)]);
		const on = new Set(online);
		return all.filter((p) => !p.kicked).map((p) => playerSummary(p, on.has(p.id)));
	}
}
