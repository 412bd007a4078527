// The organiser's contest downloads: participants, attempts, units and regions, as XLSX (every
// sheet asked for, in one workbook) or CSV (one sheet). A national contest has about a million
// participants, so nothing is held whole: the rows come as an async iterable of pages (the store's
// keyset pages), written by the streaming writers of bank-io/export-stream.ts.
import type { ExportSheet, Rows } from '../bank-io/export-stream';
import type { ParticipantRecord } from '../records/contests/port';
import {
	AGGREGATE_HEADER,
	AGGREGATE_NUMERIC,
	aggregateRow,
	ATTEMPT_NUMERIC,
	attemptHeader,
	attemptRow,
	PARTICIPANT_NUMERIC,
	participantHeader,
	participantRow,
	type AggregateExportRow,
	type AttemptExportItem,
	type RegionNamer
} from './export-rows';

async function* mapPages<T>(
	pages: AsyncIterable<readonly T[]>,
	row: (item: T) => string[]
): AsyncIterable<Rows> {
	for await (const page of pages) yield page.map(row);
}

export function participantSheet(
	pages: AsyncIterable<readonly ParticipantRecord[]>,
	customLabels: readonly string[],
	regionName: RegionNamer
): ExportSheet {
	return {
		name: '参与者',
		header: participantHeader(customLabels),
		pages: mapPages(pages, (p) => participantRow(p, customLabels, regionName)),
		numeric: PARTICIPANT_NUMERIC,
		widths: { 编号: 24, 手机号: 14, 地区: 26, 单位: 24, 报名时间: 20, 邀请人: 24 }
	};
}

export function attemptSheet(
	pages: AsyncIterable<readonly AttemptExportItem[]>,
	questionColumns: number
): ExportSheet {
	return {
		name: '答题记录',
		header: attemptHeader(questionColumns),
		pages: mapPages(pages, (item) => attemptRow(item, questionColumns)),
		numeric: ATTEMPT_NUMERIC,
		widths: { 答题编号: 24, 参与者编号: 24, 单位: 24, 开始时间: 20, 结束时间: 20, 'User-Agent': 40 }
	};
}

/** 单位 or 地区: one row per unit or region with its figures. */
export function aggregateSheet(
	name: string,
	pages: AsyncIterable<readonly AggregateExportRow[]>
): ExportSheet {
	return {
		name,
		header: AGGREGATE_HEADER,
		pages: mapPages(pages, aggregateRow),
		numeric: AGGREGATE_NUMERIC,
		widths: { 名称: 32 }
	};
}

export {
	csvStream,
	exportFileName,
	exportResponse,
	xlsxStream,
	type ExportSheet
} from '../bank-io/export-stream';
