// The export's tables as a reader of the file sees them: questions in the order they were asked
// with their status in Chinese and Beijing times, and every poll's options with count and share
// (or every word of a word cloud with its count), from a moderator view.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiTime } from '../../src/lib/domain/contest/calendar';
import { exportCsv, exportXlsx, pollRows, questionRows } from '../../src/lib/server/qa/export';
import { moderatorView, question, T0 } from '../contracts/qa-record-store.fixtures';

describe('Q&A export rows', () => {
	it('writes Beijing time, whatever the server’s zone, across midnight UTC', () => {
		// 2026-06-16 06:00 UTC is 14:00 in Beijing; 17:30 UTC is already the next day there.
		expect(shanghaiTime(T0)).toBe('2026-06-16 14:00:00');
		expect(shanghaiDate(Date.UTC(2026, 5, 16, 17, 30))).toBe('2026-06-17');
	});

	it('lists questions oldest first with every status in Chinese and the reject reason', () => {
		const view = moderatorView('ABC234', 0);
		view.questions = [
			question(3, { status: 'archived' }),
			question(2, { status: 'rejected', rejectReason: '重复提问' }),
			question(1, { status: 'pending', authorName: null }),
			question(0, { status: 'answered' })
		];
		const rows = questionRows(view);
		expect(rows.slice(1).map((r) => [r[0], r[2], r[5], r[6]])).toEqual([
			['1', '提问人0', '已回答', ''],
			['2', '匿名', '待审核', ''],
			['3', '提问人2', '未通过', '重复提问'],
			['4', '匿名', '已归档', '']
		]);
		expect(rows[1]!.slice(7)).toEqual([
			'需办理动火作业许可证。',
			'市应急管理局 专家',
			'2026-06-16 14:00:00',
			'2026-06-16 14:00:00'
		]);
	});

	it('lists each poll’s options with count and share, and a word cloud’s words by count', () => {
		const view = moderatorView('ABC234', 0);
		view.polls[1]!.results = {
			kind: 'words',
			words: [
				{ text: '预防', count: 2 },
				{ text: '责任', count: 5 }
			],
			respondents: 6
		};
		view.polls.push({
			...view.polls[0]!,
			id: 'poll-3',
			kind: 'multiple',
			question: '你参加过哪些演练？',
			options: ['消防', '地震', '防汛'],
			maxChoices: 3,
			results: { kind: 'choice', counts: [3, 1, 0], respondents: 3 },
			createdAt: T0 + 30
		});
		// Newest first in the view, in creation order in the file.
		view.polls.reverse();
		expect(pollRows(view)).toEqual([
			['序号', '投票问题', '类型', '选项', '票数', '占比', '参与人数'],
			['1', '你单位配备灭火器了吗？', '单选', '有', '12', '80%', '15'],
			['1', '你单位配备灭火器了吗？', '单选', '没有', '3', '20%', '15'],
			['2', '一个词说安全', '词云', '责任', '5', '', '6'],
			['2', '一个词说安全', '词云', '预防', '2', '', '6'],
			['3', '你参加过哪些演练？', '多选', '消防', '3', '100%', '3'],
			['3', '你参加过哪些演练？', '多选', '地震', '1', '33.3%', '3'],
			['3', '你参加过哪些演练？', '多选', '防汛', '0', '0%', '3']
		]);
	});

	it('keeps a poll nobody answered, and a word cloud with no words yet, as a row', () => {
		const view = moderatorView('ABC234', 0);
		view.polls[0]!.results = { kind: 'choice', counts: [0, 0], respondents: 0 };
		view.polls[1]!.results = { kind: 'words', words: [], respondents: 0 };
		expect(pollRows(view).slice(1)).toEqual([
			['1', '你单位配备灭火器了吗？', '单选', '有', '0', '0%', '0'],
			['1', '你单位配备灭火器了吗？', '单选', '没有', '0', '0%', '0'],
			['2', '一个词说安全', '词云', '', '', '', '0']
		]);
	});

	it('writes both sheets to XLSX with numbers as numbers, and one sheet per CSV', async () => {
		const view = moderatorView('ABC234', 2);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await exportXlsx(view)) as unknown as ExcelJS.Buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['问题', '投票']);
		const polls = wb.getWorksheet('投票')!;
		expect(polls.getRow(2).values).toEqual([
			undefined,
			1,
			'你单位配备灭火器了吗？',
			'单选',
			'有',
			12,
			'80%',
			15
		]);
		expect(wb.getWorksheet('问题')!.getRow(1).font?.bold).toBe(true);
		const csv = exportCsv(view, 'polls').toString('utf8');
		expect(csv.startsWith('\ufeff序号,投票问题,类型,选项,票数,占比,参与人数\r\n')).toBe(true);
	});
});
