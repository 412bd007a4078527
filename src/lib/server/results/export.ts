// A finished game's results as a download: XLSX with the 选手, 队伍 (when the game had teams) and
// 题目 sheets, or one of those tables as CSV. A game is read whole from the record store, so each
// sheet is a single page for the shared streaming writers.
import { shanghaiDate } from '../../domain/contest/calendar';
import type { ExportFormat } from '../bank-io/export';
import {
	csvStream,
	exportResponse,
	xlsxStream,
	type ExportSheet,
	type Rows
} from '../bank-io/export-stream';
import type { FinishedGame } from '../records/port';
import {
	optionColumns,
	PLAYER_NUMERIC,
	questionNumeric,
	TABLE_NAMES,
	tableRows,
	TEAM_NUMERIC,
	type ResultTable
} from './export-rows';

async function* onePage(rows: Rows): AsyncIterable<Rows> {
	yield rows;
}

const WIDTHS: Record<ResultTable, Readonly<Record<string, number>>> = {
	players: { 昵称: 20, 队伍: 16, '总用时（秒）': 14 },
	teams: { 队伍: 20, '参与率（%）': 12 },
	questions: { 轮次: 18, 题目: 48, 正确答案: 14, 抢答顺序: 40, 首个抢答: 16, 风险题押分: 28 }
};

function numericOf(game: FinishedGame, table: ResultTable): readonly string[] {
	if (table === 'players') return PLAYER_NUMERIC;
	if (table === 'teams') return TEAM_NUMERIC;
	return questionNumeric(optionColumns(game));
}

export function resultSheet(game: FinishedGame, table: ResultTable): ExportSheet {
	const [header = [], ...rows] = tableRows(game, table);
	return {
		name: TABLE_NAMES[table],
		header,
		pages: onePage(rows),
		numeric: numericOf(game, table),
		widths: WIDTHS[table]
	};
}

/** The workbook's tables: 队伍 only when the game was played in teams. */
export function workbookTables(game: FinishedGame): ResultTable[] {
	return game.teams.length > 0 ? ['players', 'teams', 'questions'] : ['players', 'questions'];
}

/** `<title>-成绩-<date>.xlsx` (or the table's name for a CSV), dated by the game's end (Beijing time). */
export function resultsDownload(
	game: FinishedGame,
	format: ExportFormat,
	table: ResultTable
): Response {
	const date = shanghaiDate(game.endedAt);
	const body =
		format === 'xlsx'
			? xlsxStream(workbookTables(game).map((t) => resultSheet(game, t)))
			: csvStream(resultSheet(game, table));
	const what = format === 'xlsx' ? '成绩' : TABLE_NAMES[table];
	const fallback = `results-${game.pin}-${format === 'xlsx' ? 'all' : table}-${date}.${format}`;
	return exportResponse(body, format, `${game.title}-${what}-${date}.${format}`, fallback);
}
