// A finished game's results as a download: GET ?format=xlsx|csv &table=players|teams|questions
// (the workbook holds every table; a CSV holds the one asked for, players when none is). The same
// viewers as the results page get it, and everyone else the page's 404; a format or table we do
// not write is a 400.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { exportFormat } from '$lib/server/bank-io/export';
import { resultsDownload } from '$lib/server/results/export';
import { RESULT_TABLES, type ResultTable } from '$lib/server/results/export-rows';
import { GAME_NOT_FOUND, visibleGame } from '$lib/server/results/visible-game';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, '导出格式只能是 xlsx 或 csv');
	const table = (url.searchParams.get('table') ?? 'players').toLowerCase();
	if (!(RESULT_TABLES as readonly string[]).includes(table)) {
		error(400, '导出的表只能是 players（选手）、teams（队伍）或 questions（题目）');
	}
	const game = await visibleGame(await appContext(), params.id, locals);
	if (!game) error(404, GAME_NOT_FOUND);
	return resultsDownload(game, format, table as ResultTable);
};
