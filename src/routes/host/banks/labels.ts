// Display labels shared by the bank and quiz pages.
import type { BankOrigin } from '$lib/server/records/banks/port';

export const ORIGIN_LABELS: Record<BankOrigin, string> = {
	shipped: '内置',
	imported: '导入',
	custom: '自建'
};

export const DIFFICULTY_LABELS: Record<number, string> = { 1: '易', 2: '中', 3: '难' };
