// Q&A events as the record store sees them: a catalogue row and a moderator view to archive,
// with the kinds of content an archive must keep exactly (Chinese, emoji, nulls, nested polls).
import { DEFAULT_QA_SETTINGS } from '../../src/lib/domain/qa/settings';
import type { QaModeratorQuestion, QaModeratorView } from '../../src/lib/protocol';
import type { NewQaEventRecord } from '../../src/lib/server/records/qa/port';

export const T0 = Date.UTC(2026, 5, 16, 6, 0, 0);
export const ORG_A = 'org-a';
export const ORG_B = 'org-b';

export function eventRow(code: string, over: Partial<NewQaEventRecord> = {}): NewQaEventRecord {
	return {
		code,
		orgId: ORG_A,
		title: '专家云问诊',
		createdBy: 'user-1',
		createdAt: T0,
		startsAt: null,
		endsAt: null,
		...over
	};
}

export function question(i: number, over: Partial<QaModeratorQuestion> = {}): QaModeratorQuestion {
	return {
		id: `q${i}`,
		participantId: `p${i % 7}`,
		authorName: i % 2 === 0 ? `提问人${i}` : null,
		text: `第 ${i} 个问题：厂房动火作业要办哪些手续？🔥 "quoted", 'single'`,
		label: i % 3 === 0 ? '消防' : null,
		status: i % 5 === 0 ? 'answered' : 'published',
		held: i % 11 === 0 ? ['敏感'] : [],
		rejectReason: null,
		starred: i % 4 === 0,
		answer:
			i % 5 === 0
				? { text: '需办理动火作业许可证。', expert: '市应急管理局 专家', at: T0 + i }
				: null,
		createdAt: T0 + i,
		updatedAt: T0 + i,
		version: 1,
		votes: i % 9,
		authorBanned: false,
		...over
	};
}

export function moderatorView(code: string, questions = 3): QaModeratorView {
	return {
		code,
		title: '专家云问诊',
		description: '',
		startsAt: null,
		endsAt: T0 + 3600_000,
		closed: true,
		pinnedId: null,
		upNext: [],
		votesSeq: 42,
		orgId: ORG_A,
		settings: { ...DEFAULT_QA_SETTINGS, labels: ['消防', '危化品'] },
		questions: Array.from({ length: questions }, (_, i) => question(i)),
		banned: ['p6'],
		staff: [
			{
				userId: 'u-expert',
				role: 'expert',
				title: '市应急管理局 安全生产专家',
				displayName: '李专家'
			}
		],
		polls: [
			{
				id: 'poll-1',
				kind: 'single',
				question: '你单位配备灭火器了吗？',
				options: ['有', '没有'],
				maxChoices: 1,
				open: false,
				resultsVisible: true,
				results: { kind: 'choice', counts: [12, 3], respondents: 15 },
				seq: 15,
				onShow: false,
				createdAt: T0 + 10
			},
			{
				id: 'poll-2',
				kind: 'words',
				question: '一个词说安全',
				options: [],
				maxChoices: 3,
				open: true,
				resultsVisible: false,
				results: { kind: 'words', words: [{ text: '责任', count: 4 }], respondents: 4 },
				seq: 4,
				onShow: true,
				createdAt: T0 + 20
			}
		]
	};
}
