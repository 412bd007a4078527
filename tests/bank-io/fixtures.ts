// Fixtures built in memory: a bank covering every type and optional field, XLSX workbooks made with
// exceljs, and raw zip containers written by hand (for bombs and forged directories).
import ExcelJS from 'exceljs';
import { crc32, deflateRawSync, createDeflateRaw } from 'node:zlib';
import { questionSchema, type Question } from '$lib/domain/question';
import type {
	BankStore,
	StoredBank,
	BankSummary,
	BankOrigin
} from '$lib/server/records/banks/port';
import type { Bank } from '$lib/domain/question';
import { SHARED, type OrgScope } from '$lib/server/records/port';

/** Every type, every optional field, and text that stresses CSV quoting and formula guarding. */
export const FULL_BANK: Question[] = [
	{
		id: 'q-001',
		type: 'single',
		stem: '在我国，拨打哪个号码可以直接报火警？',
		options: ['110', '119', '120', '122'],
		answer: 'B',
		explanation: '119 是火警电话；110 是匪警。',
		category: '消防安全',
		difficulty: 1,
		source: '《中华人民共和国消防法》第四十四条',
		tags: ['报警', '消防法'],
		timeLimit: 30,
		points: 500
	},
	{
		id: 'q-002',
		type: 'multiple',
		stem: '燃烧三要素是？',
		options: ['可燃物', '助燃物', '引火源', '水蒸气', '二氧化碳', '氮气'],
		// Not sorted on purpose: the order must survive.
		answer: ['C', 'A', 'B'],
		explanation: '可燃物、助燃物、引火源。',
		difficulty: 2
	},
	{ type: 'truefalse', stem: '火灾时可以乘电梯逃生。', answer: false, difficulty: 3 },
	{ type: 'truefalse', stem: 'Smoke rises, so crawl low under smoke.', answer: true },
	{
		type: 'fillin',
		stem: 'CO₂ 的中文名是____。',
		answer: ['二氧化碳', 'Carbon Dioxide'],
		explanation: '二氧化碳灭火器适用于电器火灾。'
	},
	{ type: 'poll', stem: '你家有灭火器吗？', options: ['有', '没有', '不知道'], category: '调查' },
	{
		type: 'single',
		stem: '多行题目\n第二行，含 "引号"、逗号, 和分号；',
		options: ['=1+1', '-5℃', '@home', '+86 119'],
		answer: 'D',
		points: 0,
		explanation: 'Options that look like formulas stay text.'
	},
	{ type: 'fillin', stem: 'Speed unit?', answer: ['km/h', 'kilometres per hour'], timeLimit: 5 },
	{
		type: 'multiple',
		stem: 'Pick one of two (multiple with one answer).',
		options: ['A door', 'B wall'],
		answer: ['A']
	}
].map((q) => questionSchema.parse(q));

/** A sheet: name, rows (row 1 first), and optional tweaks. */
export interface SheetSpec {
	name: string;
	rows: ExcelJS.CellValue[][];
	state?: 'visible' | 'hidden' | 'veryHidden';
	merges?: string[];
	hiddenRows?: number[];
}

export async function xlsxOf(...sheets: SheetSpec[]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	for (const s of sheets) {
		const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
		for (const r of s.rows) ws.addRow(r);
		for (const m of s.merges ?? []) ws.mergeCells(m);
		for (const n of s.hiddenRows ?? []) ws.getRow(n).hidden = true;
	}
	return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ZipSpec {
	name: string;
	/** Already deflated (method 8) or stored (method 0) bytes. */
	data: Buffer;
	method: 0 | 8;
	uncompressedSize: number;
	crc?: number;
}

/** A minimal zip container: local headers, data, central directory, end record. */
export function zipOf(entries: ZipSpec[]): Buffer {
	const locals: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name, 'utf8');
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(e.method, 8);
		local.writeUInt32LE(e.crc ?? 0, 14);
		local.writeUInt32LE(e.data.length, 18);
		local.writeUInt32LE(e.uncompressedSize, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, e.data);
		const dir = Buffer.alloc(46);
		dir.writeUInt32LE(0x02014b50, 0);
		dir.writeUInt16LE(20, 4);
		dir.writeUInt16LE(20, 6);
		dir.writeUInt16LE(e.method, 10);
		dir.writeUInt32LE(e.crc ?? 0, 16);
		dir.writeUInt32LE(e.data.length, 20);
		dir.writeUInt32LE(e.uncompressedSize, 24);
		dir.writeUInt16LE(name.length, 28);
		dir.writeUInt32LE(offset, 42);
		central.push(dir, name);
		offset += 30 + name.length + e.data.length;
	}
	const dirBuf = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(dirBuf.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, dirBuf, end]);
}

/** A deflated entry of real content, sizes declared truthfully. */
export function deflated(name: string, content: string | Buffer): ZipSpec {
	const raw = typeof content === 'string' ? Buffer.from(content) : content;
	return {
		name,
		data: deflateRawSync(raw),
		method: 8,
		uncompressedSize: raw.length,
		crc: crc32(raw)
	};
}

/** Raw deflate of `bytes` zeros, streamed so the zeros never sit in memory at once. */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
	const deflater = createDeflateRaw({ level: 9 });
	const out: Buffer[] = [];
	deflater.on('data', (c: Buffer) => out.push(c));
	const done = new Promise((resolve) => deflater.on('end', resolve));
	const chunk = Buffer.alloc(1024 * 1024);
	for (let left = bytes; left > 0; left -= chunk.length) {
		const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
		if (!deflater.write(piece)) await new Promise((r) => deflater.once('drain', r));
	}
	deflater.end();
	await done;
	return Buffer.concat(out);
}

/** The two entries the guard requires of an XLSX, so a bomb gets as far as the size checks. */
export const XLSX_SKELETON: ZipSpec[] = [
	deflated('[Content_Types].xml', '<Types/>'),
	deflated('xl/workbook.xml', '<workbook/>')
];

/** A bank store in memory, for commit tests, with the store's ownership rules. */
export class MemoryBankStore implements BankStore {
	readonly banks = new Map<string, StoredBank>();
	saves = 0;

	private static owner(b: StoredBank): string | null {
		return b.orgId ?? null;
	}

	async saveBank(
		bank: Bank,
		origin: BankOrigin,
		now: number,
		orgId: string | null = null
	): Promise<boolean> {
		const held = this.banks.get(bank.id);
		if (held && MemoryBankStore.owner(held) !== orgId) return false;
		this.saves++;
		const stored: StoredBank = { ...bank, origin, updatedAt: now, ...(orgId ? { orgId } : {}) };
		this.banks.set(bank.id, structuredClone(stored));
		return true;
	}
	async getBank(id: string, scope: OrgScope = SHARED): Promise<StoredBank | null> {
		const b = this.banks.get(id);
		if (!b) return null;
		const owner = MemoryBankStore.owner(b);
		return owner === null || owner === scope.orgId ? structuredClone(b) : null;
	}
	async bankExists(id: string): Promise<boolean> {
		return this.banks.has(id);
	}
	async listBanks(): Promise<BankSummary[]> {
		return [];
	}
	async deleteBank(id: string, scope: OrgScope = SHARED): Promise<boolean> {
		const b = this.banks.get(id);
		return !!b && MemoryBankStore.owner(b) === scope.orgId && this.banks.delete(id);
	}
	async findQuestions(): Promise<never[]> {
		return [];
	}
}
