// Views of a contest day's phases as the server sends them to a big screen, for screen-hall.e2e.ts.
import type { TeamRow } from '../../src/lib/domain/rounds/teams';
import type { LeaderRow, PlayerSummary, RoomView } from '../../src/lib/protocol';
import type { RoundsView, RoundView } from '../../src/lib/protocol/room-rounds';
import { view } from '../client/room-view';
import { round as sharedRound, roundsView } from '../client/rounds-view';

const TITLE = '2026 安全生产月知识竞赛';
const NAMES = ['王小明', '李静', '张伟', '刘洋', '陈晨', '杨帆', '赵磊', '黄丽', '周杰', '吴敏'];
const TEAM_NAMES = ['安全部', '生产一车间', '设备部', '质检部'];

const question = {
	index: 4,
	total: 12,
	type: 'single' as const,
	stem: '发现有人触电时，首先应当采取的措施是什么？',
	options: ['立即用手把人拉开', '迅速切断电源', '马上拨打 110', '往触电者身上泼水'],
	points: 1000,
	timeLimit: 20
};

export const leaders: LeaderRow[] = NAMES.map((nickname, i) => ({
	rank: i + 1,
	playerId: `p${i + 1}`,
	nickname,
	score: 9200 - i * 640
}));

export const teamRows: TeamRow[] = [
	{ teamId: 't2', name: TEAM_NAMES[1]!, score: 812.5, members: 38, participation: 0.95, rank: 1 },
	{ teamId: 't1', name: TEAM_NAMES[0]!, score: 760.3, members: 12, participation: 1, rank: 2 },
	{ teamId: 't4', name: TEAM_NAMES[3]!, score: 605, members: 20, participation: 0.8, rank: 3 },
	{ teamId: 't3', name: TEAM_NAMES[2]!, score: 431.2, members: 17, participation: 0.57, rank: 4 }
];

// The shared fixtures, with the screen's defaults: a 必答 round for teams, nothing else yet.
const round = (patch: Partial<RoundView>): RoundView =>
	sharedRound({
		number: 0,
		title: '第一轮 必答题',
		type: 'all',
		players: 'teams',
		questionsInRound: 4,
		buzz: null,
		...patch
	});

const BUZZ = {
	armSec: 3,
	openSec: 15,
	answerSec: 20,
	passOnWrong: true,
	earlyPenalty: 0,
	oral: false
};

const rounds = (patch: Partial<RoundsView>): RoundsView => roundsView({ round: null, ...patch });

export const questionPhase: RoomView = view({
	title: TITLE,
	phase: 'question',
	index: 4,
	questionCount: 12,
	remainingMs: 14_000,
	limitMs: 20_000,
	playerCount: 87,
	question
});

export const revealPhase: RoomView = view({
	...questionPhase,
	phase: 'reveal',
	remainingMs: 0,
	reveal: {
		index: 4,
		correct: [1],
		accepted: [],
		distribution: { counts: [9, 61, 5, 2], answered: 77, correct: 61 },
		explanation: '触电急救第一步是使触电者尽快脱离电源：拉闸断电，或用干燥的木棒等绝缘物挑开电线。',
		source: '《触电急救规范》第 3.1 条'
	}
});

export const leaderboardPhase: RoomView = view({
	title: TITLE,
	phase: 'leaderboard',
	index: 4,
	questionCount: 12,
	leaderboard: leaders
});

export const podiumPhase: RoomView = view({
	title: TITLE,
	phase: 'podium',
	index: 11,
	questionCount: 12,
	leaderboard: leaders
});

export const teamPodiumPhase: RoomView = view({
	...podiumPhase,
	rounds: rounds({ teams: teamRows, teamScoring: 'mean' })
});

export const introPhase: RoomView = view({
	title: TITLE,
	phase: 'intro',
	index: 4,
	questionCount: 12,
	rounds: rounds({
		round: round({
			number: 1,
			title: '第二轮 抢答题',
			type: 'buzz',
			buzz: BUZZ,
			questionsInRound: 3
		}),
		teams: teamRows
	})
});

const buzzRound = round({
	number: 1,
	title: '第二轮 抢答题',
	type: 'buzz',
	buzz: BUZZ,
	questionInRound: 2,
	questionsInRound: 3
});

export const buzzArming: RoomView = view({
	...questionPhase,
	rounds: rounds({
		round: buzzRound,
		buzz: {
			phase: 'arming',
			remainingMs: 3000,
			answering: null,
			order: [],
			tried: 0,
			oral: false,
			winner: null
		}
	})
});

const order = [
	{ playerId: 'p3', nickname: '张伟', team: '设备部', marginMs: 0 },
	{ playerId: 'p1', nickname: '王小明', team: '安全部', marginMs: 12 },
	{ playerId: 'p7', nickname: '赵磊', team: '质检部', marginMs: 87 },
	{ playerId: 'p5', nickname: '陈晨', team: '生产一车间', marginMs: 240 }
];

export const buzzAnswering: RoomView = view({
	...questionPhase,
	rounds: rounds({
		round: buzzRound,
		buzz: {
			phase: 'answering',
			remainingMs: 18_000,
			answering: { ...order[0]!, remainingMs: 18_000 },
			order,
			tried: 1,
			oral: false,
			winner: null
		}
	})
});

export const buzzReopened: RoomView = view({
	...questionPhase,
	rounds: rounds({
		round: buzzRound,
		buzz: {
			phase: 'open',
			remainingMs: 12_000,
			answering: null,
			order: [],
			tried: 1,
			oral: false,
			winner: null
		}
	})
});

export const turnQuestion: RoomView = view({
	...questionPhase,
	rounds: rounds({
		round: round({ number: 0, title: '第一轮 轮流必答', type: 'turn', questionInRound: 2 }),
		eligible: [{ id: 't1', name: '安全部' }]
	})
});

export const teamBoardPhase: RoomView = view({
	...leaderboardPhase,
	rounds: rounds({ teams: teamRows, teamScoring: 'mean' })
});

export const stakePhase: RoomView = view({
	title: TITLE,
	phase: 'stake',
	index: 8,
	questionCount: 12,
	rounds: rounds({
		round: round({ number: 2, title: '第三轮 风险题', type: 'wager', stakes: [10, 20, 30] }),
		stakes: {
			values: [10, 20, 30],
			lines: [
				{ holder: 't1', name: '安全部', stake: 30 },
				{ holder: 't2', name: '生产一车间', stake: 20 },
				{ holder: 't3', name: '设备部', stake: null },
				{ holder: 't4', name: '质检部', stake: 10 }
			],
			chosen: 3,
			locked: false
		}
	})
});

const lobbyTeams: TeamRow[] = TEAM_NAMES.map((name, i) => ({
	teamId: `t${i + 1}`,
	name,
	score: 0,
	members: 0,
	participation: null,
	rank: 1
}));

/** Players of the lobby: three in 安全部, two in 生产一车间, one in 设备部, none in 质检部, two audience. */
export const lobbyPlayers: PlayerSummary[] = [
	['t1', false],
	['t1', false],
	['t1', false],
	['t2', false],
	['t2', false],
	['t3', false],
	[null, true],
	[null, true]
].map(([teamId, audience], i) => ({
	id: `p${i + 1}`,
	nickname: NAMES[i]!,
	online: true,
	score: 0,
	teamId: teamId as string | null,
	audience: audience as boolean
}));

export const lobbyPhase: RoomView = view({
	title: TITLE,
	pin: '123456',
	playerCount: lobbyPlayers.length,
	rounds: rounds({ teams: lobbyTeams })
});

export const drawnLobby: RoomView = view({
	...lobbyPhase,
	rounds: rounds({
		teams: lobbyTeams,
		draw: { seed: '3fa1c2d9', order: ['设备部', '安全部', '质检部', '生产一车间'], at: 0 }
	})
});
