// The quiz room's surface: players, hosts and screens of a live room. Every client→server event
// has a zod schema here; the views are what the server sends, never an answer before its reveal.
import { z } from 'zod';
import { NICKNAME_LENGTH, rangeDash } from '../domain/limits';
import type { Phase } from '../domain/room';
import type { PublicQuestion, Reveal } from '../domain/view';
import { secretField as secret, type Ack, type In } from './common';
import type {
	PlayerTeamSelf,
	RoundsView,
	TeamsInfo,
	buzzSchema,
	stakeSchema,
	teamsQuerySchema
} from './room-rounds';

/** The room's own refusals (the common ones are in common.ts). */
export const ROOM_ERRORS = {
	ROOM_NOT_FOUND: '房间不存在，请检查 PIN',
	ROOM_LOCKED: '主持人已锁定房间，暂时无法加入',
	ROOM_ENDED: '本场已结束',
	GAME_STARTED: '游戏已开始，本场不允许中途加入',
	NICKNAME_LENGTH: `昵称需为 ${rangeDash(NICKNAME_LENGTH)} 个字符`,
	NICKNAME_CHARS: '昵称含有不可见或控制字符',
	NICKNAME_OFFENSIVE: '昵称含有不文明用语，请换一个',
	NICKNAME_TAKEN: '这个昵称已被使用，请换一个',
	KICKED: '你已被主持人移出本场',
	NOT_JOINED: '请先加入房间',
	NOT_HOST: '没有主持权限',
	WRONG_PHASE: '当前阶段不能执行该操作',
	NOT_PAUSED: '当前未暂停',
	ALREADY_PAUSED: '已经暂停',
	NO_QUESTION: '当前没有进行中的题目',
	WRONG_QUESTION: '这道题已经结束',
	TIME_UP: '时间已到，本次作答未计分',
	PAUSED: '已暂停，请稍候再作答',
	BAD_ANSWER: '答案格式不正确',
	PLAYER_NOT_FOUND: '找不到该玩家',
	TOO_MANY_JOINS: '同一网络加入本房间的人数已达上限，请联系主持人',
	SCREEN_LINK_REQUIRED: '这个房间的大屏需要主持人面板上的大屏链接：请在主持人面板点「打开大屏」'
} as const;

// ——— client → server payloads ———

const pin = z.string().regex(/^\d{6}$/, 'PIN is 6 digits');
export const joinSchema = z.object({
	pin,
	nickname: z.string().max(100),
	/** The team picked on joining (rooms with teams); absent with `audience`. */
	teamId: z.string().min(1).max(64).optional(),
	/** Joins as audience: plays apart, never counts for a team. */
	audience: z.boolean().optional(),
	/** Rooms placing players by the roster: the employee number (the nickname is the name). */
	employeeNo: z.string().trim().min(1).max(32).optional()
});
export const resumeSchema = z.object({ pin, token: secret });
export const answerSchema = z.object({
	index: z.number().int().min(0).max(10000),
	answer: z.union([
		z.object({ choices: z.array(z.number().int().min(0).max(5)).min(1).max(6) }).strict(),
		z.object({ text: z.string().max(200) }).strict()
	])
});
/** A quick room's host sends its secret; a signed-in host sends only the PIN (the session cookie). */
export const hostAttachSchema = z.object({ pin, secret: secret.optional() });
export const addCoHostSchema = z.object({ email: z.string().trim().min(3).max(254) });
export const hostCommandSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('start') }),
	z.object({ type: z.literal('next') }),
	z.object({ type: z.literal('skip') }),
	z.object({ type: z.literal('pause') }),
	z.object({ type: z.literal('resume') }),
	z.object({ type: z.literal('addTime'), seconds: z.number().int().min(1).max(300) }),
	z.object({ type: z.literal('end') }),
	/** The electronic draw of team order, in the lobby. */
	z.object({ type: z.literal('draw') }),
	/** 抢答 answered orally: the host marks the answering player right or wrong. */
	z.object({ type: z.literal('judge'), right: z.boolean() }),
	z.object({ type: z.literal('lock') }),
	z.object({ type: z.literal('unlock') }),
	z.object({ type: z.literal('lateJoin'), allow: z.boolean() }),
	z.object({
		type: z.literal('autoAdvance'),
		settings: z
			.object({
				revealSec: z.number().int().min(2).max(120),
				leaderboardSec: z.number().int().min(2).max(120)
			})
			.nullable()
	})
]);
export const kickSchema = z.object({ playerId: z.string().min(1).max(64) });

/** The newest players host:attach hands out; the rest are paged with host:players. */
export const HOST_PLAYER_PAGE = 100;
/** The most players one host:players page holds. */
export const HOST_PLAYER_PAGE_MAX = 200;
/**
 * A page of the room's players, newest first; with `query`, only those whose nickname holds it
 * (any case), searched among the newest HOST_PLAYER_SEARCH_SCAN players.
 */
export const hostPlayersSchema = z.object({
	offset: z.number().int().min(0).max(1_000_000),
	limit: z.number().int().min(1).max(HOST_PLAYER_PAGE_MAX),
	query: z.string().trim().min(1).max(NICKNAME_LENGTH.max).optional()
});
/** How far back a nickname search looks: a bounded scan, not an index (see RoomPlayers.search). */
export const HOST_PLAYER_SEARCH_SCAN = 20_000;
/**
 * A screen of a room opened by a signed-in host needs the screen link's token (or a host's session
 * cookie); a quick room's screen needs only the PIN.
 */
// Any short string: a link cut short gets SCREEN_LINK_REQUIRED, which says what to do, not BAD_REQUEST.
export const screenAttachSchema = z.object({ pin, token: z.string().max(128).optional() });

/** The newest arrivals a screen's lobby shows; screen:attach hands out no more than these. */
export const SCREEN_RECENT_PLAYERS = 60;

export type AnswerPayload = z.infer<typeof answerSchema>;
export type HostCommandPayload = z.infer<typeof hostCommandSchema>;

// ——— server → client payloads ———

export interface LeaderRow {
	rank: number;
	playerId: string;
	nickname: string;
	score: number;
	/** Rooms with teams: the player's team name (null: audience or none). */
	team?: string | null;
}

/** Everything a client needs to draw the room's current phase; sent whole on every change. */
export interface RoomView {
	pin: string;
	title: string;
	phase: Phase;
	index: number;
	questionCount: number;
	locked: boolean;
	allowLateJoin: boolean;
	playerCount: number;
	paused: boolean;
	/** Time left in the open question at `serverNow`; frozen while paused. */
	remainingMs: number;
	limitMs: number;
	serverNow: number;
	question: PublicQuestion | null;
	reveal: Reveal | null;
	/** Whether the final results page is open to anyone with the link (quick rooms). */
	publicResults: boolean;
	/** Timed schedule: reveal and leaderboard move on by themselves (null: the host advances). */
	autoAdvance: { revealSec: number; leaderboardSec: number } | null;
	/** Time left before an auto-advancing reveal or leaderboard moves on. */
	phaseRemainingMs: number | null;
	/** Top 10 after a question, and the final standings at the podium. */
	leaderboard: LeaderRow[] | null;
	/** Contest-day parts (rounds, teams, buzz, stakes, draw); null for a quiz without them. */
	rounds: RoundsView | null;
	/** Present while a closed question's scores are still being committed (the store is slow). */
	scoring?: true;
	/** Present from the end until the finished game's record is saved ("成绩保存中…"). */
	saving?: true;
}

/** A player's own standing; answerIndex says which question their recorded answer belongs to. */
export interface PlayerSelf {
	playerId: string;
	nickname: string;
	score: number;
	streak: number;
	rank: number | null;
	/** The answer stored for the current question, if any (the player's own choice, never the key). */
	answered: AnswerPayload['answer'] | null;
	/** Team and role, for a room with teams or rounds; null otherwise. */
	team: PlayerTeamSelf | null;
}

export interface PlayerResult {
	index: number;
	answered: boolean;
	correct: boolean | null;
	points: number;
	bonus: number;
	streak: number;
	score: number;
	rank: number | null;
	playerCount: number;
}

export interface PlayerSummary {
	id: string;
	nickname: string;
	online: boolean;
	score: number;
	/** Team id, or null (no teams, or audience). */
	teamId?: string | null;
	audience?: boolean;
}

/** The room's players not kicked, and how many of them have a socket open. */
export interface PlayerCounts {
	total: number;
	online: number;
}

/** One page of a host's player list. */
export interface PlayerPage {
	/** Newest first. */
	players: PlayerSummary[];
	offset: number;
	/** Players in the whole list (with a query: those matching). */
	total: number;
	/** A search that stopped at HOST_PLAYER_SEARCH_SCAN players: older matches are not counted. */
	partial?: true;
}

/** How a host socket holds the room: a quick room's secret, or as its owner or a co-host. */
export type HostControl = 'secret' | 'owner' | 'cohost';

export interface AnswerProgress {
	index: number;
	answered: number;
	online: number;
}

export interface RoomServerEvents {
	/**
	 * The room's view; to a player, a just-scored question's reveal carries their own result too
	 * (one frame, not a view and a result).
	 */
	'room:view': (view: RoomView, mine?: PlayerResult) => void;
	/** Host and screen: players who arrived or left, batched. */
	'room:players': (delta: { joined: PlayerSummary[]; left: string[]; count: number }) => void;
	/** Host and screen: live answer count, throttled. */
	'question:progress': (p: AnswerProgress) => void;
	/** A player's result sent on its own: on rejoining a revealed question, or after a resync. */
	'player:result': (r: PlayerResult) => void;
	'player:self': (s: PlayerSelf) => void;
	'player:kicked': () => void;
}

export interface RoomClientEvents {
	'player:join': (
		p: In<typeof joinSchema>,
		ack: Ack<{ token: string; self: PlayerSelf; view: RoomView }>
	) => void;
	'player:resume': (
		p: In<typeof resumeSchema>,
		ack: Ack<{ self: PlayerSelf; view: RoomView }>
	) => void;
	'player:answer': (p: AnswerPayload, ack: Ack<{ index: number; duplicate: boolean }>) => void;
	/** Before joining: the room's teams, to pick one. */
	'player:teams': (p: In<typeof teamsQuerySchema>, ack: Ack<TeamsInfo>) => void;
	/** 抢答: first by server receipt wins; the rest learn their place and margin. */
	'player:buzz': (
		p: In<typeof buzzSchema>,
		ack: Ack<{ position: number; marginMs: number; won: boolean }>
	) => void;
	/** 风险题: the stake for the upcoming question (the team's, shared by its members). */
	'player:stake': (p: In<typeof stakeSchema>, ack: Ack<{ stake: number }>) => void;
	'host:attach': (
		p: In<typeof hostAttachSchema>,
		ack: Ack<{
			view: RoomView;
			/** The newest HOST_PLAYER_PAGE players, newest first; host:players pages the rest. */
			players: PlayerSummary[];
			counts: PlayerCounts;
			control: HostControl;
			/** Display names of the co-hosts, for the owner; empty otherwise. */
			coHosts: string[];
			/** The screen link's token (`/screen/PIN?t=…`); null for a quick room (PIN only). */
			screenToken: string | null;
		}>
	) => void;
	'host:command': (p: HostCommandPayload, ack: Ack<{ view: RoomView }>) => void;
	'host:kick': (p: In<typeof kickSchema>, ack: Ack) => void;
	'host:players': (p: In<typeof hostPlayersSchema>, ack: Ack<PlayerPage>) => void;
	/** The owner adds a member of the room's organisation as co-host; acks their name. */
	'host:addCoHost': (p: In<typeof addCoHostSchema>, ack: Ack<{ coHost: string }>) => void;
	/** `players`: the newest SCREEN_RECENT_PLAYERS only (the count is the view's playerCount). */
	'screen:attach': (
		p: In<typeof screenAttachSchema>,
		ack: Ack<{ view: RoomView; players: PlayerSummary[] }>
	) => void;
}
