// The organiser's contest exports: the pure rows (full names and phones, Beijing times, full region
// names, statuses and answers as a person reads them), then whole files streamed from two pages of
// records and read back — XLSX with exceljs, CSV with the project's own parser.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '$lib/domain/contest/attempt';
import { figures } from '$lib/domain/contest/standings';
import { decodeText, parseCsv } from '$lib/server/bank-io/csv';
import {
	aggregateSheet,
	attemptSheet,
	csvStream,
	exportFileName,
	exportResponse,
	participantSheet,
	xlsxStream
} from '$lib/server/contests/export';
import {
	aggregateRow,
	attemptHeader,
	attemptRow,
	participantHeader,
	participantRow,
	type AttemptExportItem
} from '$lib/server/contests/export-rows';
import type { AttemptRecord, ParticipantRecord } from '$lib/server/records/contests/port';
import { regions } from '$lib/server/regions';

/** 2026-06-16 06:00 UTC: 14:00 in Beijing. */
const T0 = Date.UTC(2026, 5, 16, 6, 0, 0);
const LABELS = ['岗位', '工龄'];
const regionName = (code: string) => regions.fullName(code);

function participant(n: number, over: Partial<ParticipantRecord> = {}): ParticipantRecord {
	return {
		id: `p${String(n).padStart(4, '0')}`,
		contestId: 'c1',
		createdAt: T0 + n * 1000,
		ip: '10.0.0.1',
		userAgent: 'UA',
		name: `张三${n}`,
		phone: `1380013${String(n).padStart(4, '0')}`,
		region: '440305',
		unit: '安全环保部',
		employeeNo: null,
		custom: { 岗位: '班组长' },
		invitedBy: null,
		points: { points: 80 + n, timeMs: 83_400, attempts: 2 },
		startedTotal: 3,
		...over
	};
}

const RULES = { visibilityLimit: 3, minMsPerQuestion: 1000, passMark: null, perQuestionMs: null };

function attemptOf(over: Partial<Attempt> = {}): Attempt {
	return {
		questions: [
			{ id: 'q-fire', type: 'single', order: [0, 1, 2, 3] },
			{ id: 'q-lift', type: 'truefalse', order: [0, 1] },
			{ id: 'q-119', type: 'fillin', order: [] }
		],
		answers: [null, null, null],
		shownAt: [null, null, null],
		startedAt: T0,
		deadline: T0 + 600_000,
		status: 'submitted',
		endedAt: T0 + 95_500,
		endReason: 'submitted',
		visibilityChanges: 1,
		rules: RULES,
		...over
	};
}

function record(id: string, attempt: Attempt, over: Partial<AttemptRecord> = {}): AttemptRecord {
	return {
		id,
		contestId: 'c1',
		participantId: 'p0001',
		day: '2026-06-16',
		attempt,
		score: 67,
		correct: 2,
		tooFast: false,
		ip: '10.0.0.2',
		userAgent: 'Mozilla/5.0 (iPhone)',
		version: 3,
		...over
	};
}

const FINISHED: AttemptExportItem = {
	record: record('a1', attemptOf()),
	participant: { name: '张三1', unit: '安全环保部' },
	answers: [
		{ index: 0, questionId: 'q-fire', answer: '{"choices":[1]}', right: true, at: T0 + 10_000 },
		{ index: 1, questionId: 'q-lift', answer: '{"choices":[0]}', right: false, at: T0 + 20_000 },
		{ index: 2, questionId: 'q-119', answer: '{"text":"119"}', right: true, at: T0 + 30_000 }
	]
};

async function* pagesOf<T>(...pages: T[][]): AsyncIterable<T[]> {
	for (const page of pages) yield page;
}

async function bytes(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
	return Buffer.concat(chunks);
}

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
	return wb;
}

const values = (ws: ExcelJS.Worksheet, row: number) =>
	(ws.getRow(row).values as unknown[]).slice(1);

describe('participant rows', () => {
	it('show the full name and phone, the full region name and Beijing time', () => {
		expect(participantHeader(LABELS)).toEqual([
			'编号',
			'姓名',
			'手机号',
			'地区',
			'单位',
			'工号',
			'岗位',
			'工龄',
			'报名时间',
			'积分',
			'用时（秒）',
			'完成次数',
			'已开始次数',
			'邀请人'
		]);
		expect(participantRow(participant(1, { invitedBy: 'p0009' }), LABELS, regionName)).toEqual([
			'p0001',
			'张三1',
			'13800130001',
			'广东省 深圳市 南山区',
			'安全环保部',
			'',
			'班组长',
			'',
			'2026-06-16 14:00:01',
			'81',
			'83.4',
			'2',
			'3',
			'p0009'
		]);
	});

	it('leave absent fields empty and show a region code the tree does not know as it is', () => {
		const row = participantRow(
			participant(2, { name: null, phone: null, region: '999999', unit: null, employeeNo: 'E7' }),
			[],
			regionName
		);
		expect(row.slice(1, 6)).toEqual(['', '', '999999', '', 'E7']);
		// 17:30 UTC is the next day in Beijing.
		const late = participant(3, { createdAt: Date.UTC(2026, 5, 16, 17, 30) });
		expect(participantRow(late, [], regionName)[6]).toBe('2026-06-17 01:30:00');
	});
});

describe('attempt rows', () => {
	it('a submitted attempt: times, figures and one "题目编号: 答案 ✓/✗" cell per question', () => {
		expect(attemptHeader(3).slice(-4)).toEqual(['User-Agent', '第1题', '第2题', '第3题']);
		expect(attemptRow(FINISHED, 4)).toEqual([
			'a1',
			'p0001',
			'张三1',
			'安全环保部',
			'2026-06-16 14:00:00',
			'2026-06-16 14:01:35',
			'已提交',
			'67',
			'2',
			'3',
			'95.5',
			'1',
			'否',
			'10.0.0.2',
			'Mozilla/5.0 (iPhone)',
			'q-fire: B ✓',
			'q-lift: 对 ✗',
			'q-119: 119 ✓',
			''
		]);
	});

	it('names every status and flags a too fast attempt', () => {
		const status = (a: Partial<Attempt>, over: Partial<AttemptRecord> = {}) =>
			attemptRow({ ...FINISHED, record: record('a', attemptOf(a), over) }, 0).slice(6, 13);
		expect(status({ endReason: 'visibility', visibilityChanges: 3 }, { tooFast: true })).toEqual([
			'切屏提交',
			'67',
			'2',
			'3',
			'95.5',
			'3',
			'是'
		]);
		expect(status({ status: 'expired', endReason: 'expired' })[0]).toBe('超时');
	});

	it('an open attempt: no end, no score, its answers so far unmarked', () => {
		const open = attemptOf({
			status: 'open',
			endedAt: null,
			endReason: null,
			answers: [{ choices: [0, 2], at: T0 + 5000 }, null, { text: '幺幺九', at: T0 + 9000 }]
		});
		const row = attemptRow(
			{
				record: record('a2', open, { score: null, correct: null }),
				participant: null,
				answers: []
			},
			3
		);
		expect(row.slice(2, 11)).toEqual([
			'',
			'',
			'2026-06-16 14:00:00',
			'',
			'进行中',
			'',
			'',
			'3',
			''
		]);
		expect(row.slice(-3)).toEqual(['q-fire: AC', 'q-lift: 未作答', 'q-119: 幺幺九']);
	});
});

describe('unit and region rows', () => {
	it('show the rate as a percentage and the average to one decimal', () => {
		const f = figures({ points: 250, participants: 3, attempts: 7 }, 4);
		expect(aggregateRow({ name: '安全环保部', figures: f })).toEqual([
			'安全环保部',
			'250',
			'3',
			'4',
			'75%',
			'83.3',
			'7'
		]);
		const unknown = figures({ points: 0, participants: 0, attempts: 0 }, null);
		expect(aggregateRow({ name: '广东省', figures: unknown })).toEqual([
			'广东省',
			'0',
			'0',
			'',
			'',
			'0',
			'0'
		]);
	});
});

describe('XLSX, streamed', () => {
	it('writes every sheet from pages, numbers as numbers, and reads back the same', async () => {
		const people = Array.from({ length: 5 }, (_, i) => participant(i + 1));
		const stream = xlsxStream([
			participantSheet(pagesOf(people.slice(0, 3), people.slice(3)), LABELS, regionName),
			attemptSheet(pagesOf([FINISHED], []), 3),
			aggregateSheet(
				'单位',
				pagesOf([
					{
						name: '安全环保部',
						figures: figures({ points: 400, participants: 5, attempts: 10 }, 8)
					}
				])
			)
		]);
		const wb = await workbook(await bytes(stream));
		expect(wb.worksheets.map((s) => s.name)).toEqual(['参与者', '答题记录', '单位']);

		const ps = wb.getWorksheet('参与者')!;
		expect(ps.rowCount).toBe(6);
		expect(values(ps, 1)).toEqual(participantHeader(LABELS));
		expect(ps.getRow(1).font?.bold).toBe(true);
		expect(values(ps, 6)).toEqual([
			'p0005',
			'张三5',
			'13800130005',
			'广东省 深圳市 南山区',
			'安全环保部',
			undefined,
			'班组长',
			undefined,
			'2026-06-16 14:00:05',
			85,
			83.4,
			2,
			3
		]);

		const as = wb.getWorksheet('答题记录')!;
		expect(as.rowCount).toBe(2);
		expect(as.getCell('G2').value).toBe('已提交');
		expect(as.getCell('H2').value).toBe(67);
		expect(as.getCell('P2').value).toBe('q-fire: B ✓');

		const us = wb.getWorksheet('单位')!;
		expect(values(us, 1)).toEqual([
			'名称',
			'总积分',
			'参与人数',
			'应参与人数',
			'参与率',
			'人均积分',
			'答题次数'
		]);
		expect(values(us, 2)).toEqual(['安全环保部', 400, 5, 8, '62.5%', 80, 10]);
	});

	it('an endpoint returns it as a streamed download with the Chinese file name', async () => {
		const name = exportFileName('测测你的安全力', '参与者', T0, 'xlsx');
		expect(name).toBe('测测你的安全力-参与者-2026-06-16.xlsx');
		const res = exportResponse(
			xlsxStream([participantSheet(pagesOf([participant(1)]), [], regionName)]),
			'xlsx',
			name,
			'contest-participants.xlsx'
		);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(res.headers.get('content-disposition')).toContain(
			`filename*=UTF-8''${encodeURIComponent(name)}`
		);
		const wb = await workbook(Buffer.from(await res.arrayBuffer()));
		expect(wb.worksheets[0]!.getCell('B2').value).toBe('张三1');
	});

	it('a store failure mid-export fails the download instead of ending a short file', async () => {
		async function* failing(): AsyncIterable<ParticipantRecord[]> {
			yield [participant(1)];
			throw new Error('store down');
		}
		await expect(bytes(xlsxStream([participantSheet(failing(), [], regionName)]))).rejects.toThrow(
			'store down'
		);
		await expect(bytes(csvStream(participantSheet(failing(), [], regionName)))).rejects.toThrow(
			'store down'
		);
	});
});

describe('CSV, streamed', () => {
	it('starts with a BOM and parses back to the same rows, page after page', async () => {
		const people = [participant(1), participant(2, { name: '李, "四"', unit: '第一\n分公司' })];
		const sheet = participantSheet(pagesOf([people[0]!], [], [people[1]!]), LABELS, regionName);
		const buf = await bytes(csvStream(sheet));
		expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const decoded = decodeText(buf);
		if ('error' in decoded) throw new Error(decoded.error);
		const parsed = parseCsv(decoded.text);
		if ('error' in parsed) throw new Error(parsed.error);
		expect(parsed.rows).toEqual([
			participantHeader(LABELS),
			...people.map((p) => participantRow(p, LABELS, regionName))
		]);
		expect(parsed.rows[2]?.slice(1, 3)).toEqual(['李, "四"', '13800130002']);
	});

	it('the attempts sheet as CSV keeps the answer marks', async () => {
		const buf = await bytes(csvStream(attemptSheet(pagesOf([FINISHED]), 3)));
		const parsed = parseCsv(buf.subarray(3).toString('utf8'));
		if ('error' in parsed) throw new Error(parsed.error);
		expect(parsed.rows[1]?.slice(-3)).toEqual(['q-fire: B ✓', 'q-lift: 对 ✗', 'q-119: 119 ✓']);
	});
});
