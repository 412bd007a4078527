// Texts of the Q&A wall (big screen, OBS overlay), in both UI languages (`?lang=en`). Apart from
// messages.ts so that the wall's words stay together; errors other than an unknown code come from
// errorText there. A text with figures in it is a list of parts: the page sets the numbers in bold.
import type { Lang } from './lang';

/** Words and figures, in reading order. */
export type Parts = (string | number)[];

const zh = {
	pageTitle: '安答问答大屏',
	anonymous: '匿名',
	pinned: '正在解答',
	answered: '已回答',
	answeredBy: (expert: string) => `${expert} 回答`,
	expertAnswer: '专家回答',
	scanToJoin: '扫码参与提问',
	scanOrOpen: '扫码或打开',
	eventCode: '活动码',
	pollKind: { single: '投票', multiple: '多选投票', words: '词云' },
	answerOnPhone: '请在手机上作答',
	pollClosed: '作答已结束',
	respondents: (n: number): Parts => [n, ' 人作答'],
	resultsLater: '结果稍后公布',
	topQuestions: '热门问题',
	otherTopQuestions: '其他热门问题',
	welcome: '欢迎提问',
	welcomeHint: '用手机扫码或打开右侧链接，提出你关心的安全问题，也可以为别人的问题点赞',
	notFound: '活动不存在，请检查活动码',
	gone: '本场问答已不存在',
	connecting: '连接中…',
	closed: '本场问答已结束',
	thanks: '感谢各位的提问与参与',
	tally: (questions: number, answered: number): Parts => [
		'共 ',
		questions,
		' 个问题，专家已回答 ',
		answered,
		' 个'
	],
	reconnecting: '连接中断，正在重新连接…'
};

export type QaWallTexts = typeof zh;

const en: QaWallTexts = {
	pageTitle: 'Anda Q&A wall',
	anonymous: 'Anonymous',
	pinned: 'Now answering',
	answered: 'Answered',
	answeredBy: (expert) => `Answer by ${expert}`,
	expertAnswer: 'Expert’s answer',
	scanToJoin: 'Scan to ask a question',
	scanOrOpen: 'Scan or open',
	eventCode: 'Event code',
	pollKind: { single: 'Poll', multiple: 'Multiple-choice poll', words: 'Word cloud' },
	answerOnPhone: 'Answer on your phone',
	pollClosed: 'Answers closed',
	respondents: (n) => [n, ' answered'],
	resultsLater: 'Results will be shown later',
	topQuestions: 'Top questions',
	otherTopQuestions: 'More top questions',
	welcome: 'Ask away',
	welcomeHint:
		'Scan the code or open the link on the right with your phone to ask about safety, and upvote the questions you care about',
	notFound: 'No such event: check the event code',
	gone: 'This Q&A event no longer exists',
	connecting: 'Connecting…',
	closed: 'This Q&A event has ended',
	thanks: 'Thank you for your questions',
	tally: (questions, answered) => [
		questions,
		questions === 1 ? ' question, ' : ' questions, ',
		answered,
		' answered by the experts'
	],
	reconnecting: 'Connection lost, reconnecting…'
};

export const QA_WALL_TEXTS: Record<Lang, QaWallTexts> = { zh, en };
