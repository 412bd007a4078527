// The Q&A event's surface: the audience's phones (join under a signed identity, ask, vote) and the
// moderators' and experts' panel (approve, reject, star, pin, archive, answer, ban, order "up
// next", close and reopen). Every client→server event has a zod schema here. The public view holds
// published and answered questions only; held, pending and rejected ones, the word filter's
// matches and who asked what are in the moderator view alone.
import { z } from 'zod';
import {
	QA_POLLS,
	QA_QUESTION_LENGTH,
	QA_QUESTIONS_PER_EVENT,
	QA_TEXT_MAX,
	TEXT_MAX
} from '../domain/limits';
import { QA_STAFF_ROLES, type QaPanelRole, type QaStaffMember } from '../domain/qa/access';
import { normaliseQaCode, QA_CODE_PATTERN } from '../domain/qa/event';
import { QA_POLL_KINDS, type QaPoll, type QaPollKind, type QaPollResults } from '../domain/qa/poll';
import type { QaAnswer, QaQuestion, QaStatus } from '../domain/qa/question';
import { qaSettingsSchema, type QaSettings } from '../domain/qa/settings';
import { secretField, type Ack, type In } from './common';

export const QA_ERRORS = {
	QA_NOT_FOUND: '活动不存在，请检查活动码',
	QA_CLOSED: '本场问答已关闭，暂不能提问或点赞',
	QA_NOT_JOINED: '请先加入活动',
	QA_NOT_MODERATOR: '没有管理本场问答的权限',
	QA_BANNED: '你已被主持人禁止参与本场问答',
	QA_BAD_TOKEN: '身份已失效，请重新加入活动',
	QA_TEXT_EMPTY: '内容不能为空',
	QA_TEXT_LENGTH: '内容超过了字数上限',
	QA_NAME_REQUIRED: '本场提问需要填写姓名',
	QA_NAME_INVALID: `姓名需为 1–${QA_TEXT_MAX.askerName} 个字符`,
	QA_ANONYMOUS_OFF: '本场不允许匿名提问，请填写姓名',
	QA_LABEL_UNKNOWN: '本场没有这个标签',
	QA_QUESTION_NOT_FOUND: '找不到这个问题',
	QA_WRONG_STATUS: '这个问题当前的状态不能执行该操作',
	QA_CANNOT_VOTE: '只能给已发布的问题点赞',
	QA_ASK_TOO_FAST: '提问太频繁，请稍后再试',
	QA_TOO_MANY_QUESTIONS: '本场问题数量已达上限',
	QA_TOO_MANY_IDENTITIES: '同一网络加入本场的人数已达上限，请稍后再试',
	QA_POLL_NOT_FOUND: '找不到这个投票',
	QA_POLL_CLOSED: '投票已结束',
	QA_POLL_OPTIONS: `选项需为 ${QA_POLLS.options.min}–${QA_POLLS.options.max} 个互不相同的非空选项，每个最多 ${QA_POLLS.option} 个字；词云不设选项`,
	QA_POLL_MAX_CHOICES: `可选数量不对：单选为 1，多选为 1 到选项数，词云每人 ${QA_POLLS.words.min}–${QA_POLLS.words.max} 个词`,
	QA_POLL_BAD_ANSWER: '请按题目要求作答',
	QA_POLL_ON_SHOW: '请先把这个投票从大屏撤下再删除',
	QA_TOO_MANY_POLLS: `本场投票数量已达上限（${QA_POLLS.perEvent} 个）`,
	QA_WORD_LENGTH: `每个词需为 ${QA_POLLS.wordLength.min}–${QA_POLLS.wordLength.max} 个字`,
	QA_WORD_BLOCKED: '这个词不适合展示，请换一个',
	QA_STAFF_NOT_MEMBER: '只能添加本组织的成员，请先邀请对方加入组织',
	QA_STAFF_UNKNOWN_USER: '找不到这位用户',
	QA_STAFF_NOT_FOUND: '这位成员不在本场的主持与专家名单中',
	QA_STAFF_TITLE: `专家称谓最多 ${QA_TEXT_MAX.expert} 个字符`,
	QA_STAFF_FULL: '本场的主持与专家人数已达上限'
} as const;

// ——— client → server payloads ———

/** An event's short code, as typed: case, spaces and dashes forgiven. */
export const qaCodeField = z
	.string()
	.max(20)
	.transform(normaliseQaCode)
	.refine((c) => QA_CODE_PATTERN.test(c), '活动码为 6 位字母或数字');
const questionId = z.string().min(1).max(64);

export const qaJoinSchema = z.object({ code: qaCodeField });
export const qaResumeSchema = z.object({ code: qaCodeField, token: secretField });
export const qaAskSchema = z.object({
	// Generous before normalisation (invisible characters go first); the event's limit decides.
	text: z.string().max(QA_QUESTION_LENGTH.max * 4),
	name: z.string().max(200).nullable(),
	label: z.string().max(100).nullable()
});
export const qaVoteSchema = z.object({ questionId });

/** A moderator's panel attaches with the session cookie; the code names the event. */
export const qaAttachSchema = z.object({ code: qaCodeField });
export const qaModerateSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('approve'), questionId }),
	z.object({ type: z.literal('reject'), questionId, reason: z.string().max(1000) }),
	z.object({ type: z.literal('star'), questionId, starred: z.boolean() }),
	z.object({ type: z.literal('archive'), questionId }),
	z.object({
		type: z.literal('answer'),
		questionId,
		text: z.string().max(QA_TEXT_MAX.answer * 4),
		expert: z
			.string()
			.max(QA_TEXT_MAX.expert * 4)
			.nullable()
	})
]);
export const qaEventCommandSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('pin'), questionId: questionId.nullable() }),
	z.object({
		type: z.literal('upNext'),
		questionIds: z.array(questionId).max(QA_QUESTIONS_PER_EVENT.upNext)
	}),
	z.object({ type: z.literal('close') }),
	z.object({ type: z.literal('reopen') }),
	/** Hosts only: the whole settings (what is left out takes its default). */
	z.object({ type: z.literal('settings'), settings: qaSettingsSchema }),
	/** Hosts only: title, description and times, cleaned like a new event's. */
	z.object({
		type: z.literal('details'),
		title: z.string().max(TEXT_MAX.title * 4),
		description: z.string().max(TEXT_MAX.description * 4),
		startsAt: z.number().int().min(0).nullable(),
		endsAt: z.number().int().min(0).nullable()
	})
]);
/** Hosts only: add a member of the organisation as moderator or expert, change or remove one. */
export const qaStaffSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('set'),
		userId: z.string().min(1).max(64),
		role: z.enum(QA_STAFF_ROLES),
		title: z
			.string()
			.max(QA_TEXT_MAX.expert * 4)
			.nullable()
	}),
	z.object({ type: z.literal('remove'), userId: z.string().min(1).max(64) })
]);
export const qaBanSchema = z.object({ participantId: z.string().min(1).max(64) });

/** A wall (big screen, OBS overlay): the public view only, no identity, nothing to do. */
export const qaWatchSchema = z.object({ code: qaCodeField });

// ——— quick polls and word clouds ———

export { QA_POLL_KINDS, type QaPollKind, type QaPollResults };
const pollId = z.string().min(1).max(64);

/** A moderator's poll command. One poll is on show at a time (the event's `pollId`). */
export const qaPollCommandSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('create'),
		kind: z.enum(QA_POLL_KINDS),
		question: z.string().max(1000),
		/** Choice polls: 2–10 options; word clouds: none. */
		options: z.array(z.string().max(400)).max(10),
		/** Multiple choice: how many an answer may pick; word clouds: words per participant (1–3). */
		maxChoices: z.number().int().min(1).max(10).optional()
	}),
	/** Puts the poll on show and opens it for answers (the poll shown before leaves the show). */
	z.object({ type: z.literal('open'), pollId }),
	/** Stops taking answers; the poll stays on show. */
	z.object({ type: z.literal('close'), pollId }),
	/** Whether the audience sees the results (moderators always do). */
	z.object({ type: z.literal('results'), pollId, visible: z.boolean() }),
	/** Takes the poll off the show (it keeps its results for the export). */
	z.object({ type: z.literal('hide'), pollId }),
	z.object({ type: z.literal('delete'), pollId })
]);

/** A participant's answer: option indexes for a choice poll, or words for a word cloud. */
export const qaRespondSchema = z.object({
	pollId,
	choices: z.array(z.number().int().min(0).max(9)).max(10).optional(),
	words: z.array(z.string().max(200)).max(3).optional()
});

/** The poll on show, as the audience and the wall see it (the poll's own fields, domain/qa/poll.ts). */
export interface QaPublicPoll extends Pick<
	QaPoll,
	'id' | 'kind' | 'question' | 'options' | 'maxChoices' | 'open' | 'resultsVisible'
> {
	/** null while the results are hidden from the audience. */
	results: QaPollResults | null;
	/** The results' sequence (see QaPollFrame). */
	seq: number;
}

/** Every poll of the event, as moderators see it (results always there). */
export interface QaModeratorPoll extends Omit<QaPublicPoll, 'results'> {
	results: QaPollResults;
	onShow: boolean;
	createdAt: number;
}

/** A participant's own answer to a poll. */
export interface QaPollResponse {
	pollId: string;
	choices: number[];
	words: string[];
}

/**
 * A poll's results that changed, batched like vote counts: a client applies a frame only if its
 * `seq` is higher than the poll's last.
 */
export interface QaPollFrame {
	code: string;
	pollId: string;
	seq: number;
	results: QaPollResults;
}

// ——— server → client payloads ———

/** A question as the audience and the wall see it. */
export interface QaPublicQuestion {
	id: string;
	text: string;
	authorName: string | null;
	label: string | null;
	status: 'published' | 'answered';
	/** null when the event hides vote counts from the audience. */
	votes: number | null;
	starred: boolean;
	answer: QaAnswer | null;
	createdAt: number;
}

/** The event as the audience sees it; sent whole when it changes (vote counts go in qa:votes). */
export interface QaPublicView {
	code: string;
	title: string;
	description: string;
	startsAt: number | null;
	endsAt: number | null;
	closed: boolean;
	settings: Omit<QaSettings, 'preModeration'> & { preModeration: boolean };
	/** Most votes first (the page re-sorts and filters by label itself). */
	questions: QaPublicQuestion[];
	pinnedId: string | null;
	upNext: string[];
	/** The vote sequence the counts were read at (see QaVotesFrame). */
	votesSeq: number;
	/** The poll or word cloud on show, if any. */
	poll: QaPublicPoll | null;
}

/** An asker's own question, whatever its status: 待审核, 已发布, 已回答, 未通过. */
export interface QaOwnQuestion {
	id: string;
	text: string;
	label: string | null;
	status: QaStatus;
	/** Held by the word filter (the asker is told it is under review, not which word). */
	held: boolean;
	rejectReason: string | null;
	answer: QaAnswer | null;
	createdAt: number;
}

/** A question as moderators see it: the word filter's matches, the asker's identity, the votes. */
export type QaModeratorQuestion = QaQuestion & { votes: number; authorBanned: boolean };

/** A moderator or expert of the event, with the name their account shows. */
export interface QaStaffView extends QaStaffMember {
	displayName: string;
}

export interface QaModeratorView extends Omit<QaPublicView, 'questions' | 'settings' | 'poll'> {
	orgId: string;
	settings: QaSettings;
	/** The moderators and experts the hosts added. */
	staff: QaStaffView[];
	/** Every question, newest first. */
	questions: QaModeratorQuestion[];
	banned: string[];
	/** Every poll, newest first; the one on show has `onShow`. */
	polls: QaModeratorPoll[];
}

/**
 * Vote counts that changed since the last frame, batched (question id → count). Frames of several
 * processes may arrive out of order: a client applies a question's count only if the frame's `seq`
 * is higher than the `seq` its count last came with (a frame's or a view's `votesSeq`).
 */
export interface QaVotesFrame {
	code: string;
	seq: number;
	votes: Record<string, number>;
}

export interface QaServerEvents {
	'qa:view': (view: QaPublicView) => void;
	'qa:votes': (frame: QaVotesFrame) => void;
	/** To the asker: one of their questions changed status. */
	'qa:mine': (q: QaOwnQuestion) => void;
	/** To this participant's phones: banned from the event. */
	'qa:banned': () => void;
	'qa:moderator': (view: QaModeratorView) => void;
	/** Changed poll results: to the panels always, to phones and walls when results are shown. */
	'qa:poll': (frame: QaPollFrame) => void;
}

export interface QaClientEvents {
	/** A new participant: the server issues a signed identity (keep `token` on the device). */
	'qa:join': (
		p: In<typeof qaJoinSchema>,
		ack: Ack<{ token: string; participantId: string; view: QaPublicView; mine: QaOwnQuestion[] }>
	) => void;
	'qa:resume': (
		p: In<typeof qaResumeSchema>,
		ack: Ack<{
			participantId: string;
			view: QaPublicView;
			mine: QaOwnQuestion[];
			/** The questions this participant has voted on. */
			voted: string[];
			/** This participant's answers to the event's polls. */
			responses: QaPollResponse[];
		}>
	) => void;
	'qa:ask': (p: In<typeof qaAskSchema>, ack: Ack<{ question: QaOwnQuestion }>) => void;
	/** `votes`: the question's count after the vote (null when counts are hidden); `changed`: false for a repeat. */
	'qa:vote': (
		p: In<typeof qaVoteSchema>,
		ack: Ack<{ votes: number | null; voted: boolean; changed: boolean }>
	) => void;
	'qa:unvote': (
		p: In<typeof qaVoteSchema>,
		ack: Ack<{ votes: number | null; voted: boolean; changed: boolean }>
	) => void;
	/** `role` and `title` are the attaching user's own (the view is the same for every panel). */
	'qa:attach': (
		p: In<typeof qaAttachSchema>,
		ack: Ack<{ view: QaModeratorView; role: QaPanelRole; title: string | null }>
	) => void;
	'qa:moderate': (
		p: In<typeof qaModerateSchema>,
		ack: Ack<{ question: QaModeratorQuestion }>
	) => void;
	'qa:event': (p: In<typeof qaEventCommandSchema>, ack: Ack<{ view: QaModeratorView }>) => void;
	'qa:ban': (p: In<typeof qaBanSchema>, ack: Ack<{ removedVotes: number }>) => void;
	'qa:staff': (p: In<typeof qaStaffSchema>, ack: Ack<{ staff: QaStaffView[] }>) => void;
	'qa:watch': (p: In<typeof qaWatchSchema>, ack: Ack<{ view: QaPublicView }>) => void;
	'qa:poll': (
		p: In<typeof qaPollCommandSchema>,
		ack: Ack<{ poll: QaModeratorPoll | null }>
	) => void;
	/** Answering again while the poll is open replaces the earlier answer. */
	'qa:respond': (p: In<typeof qaRespondSchema>, ack: Ack<{ response: QaPollResponse }>) => void;
}
