import { describe, expect, it } from 'vitest';
import {
	cityOf,
	isRegionCode,
	provinceOf,
	regionLevel,
	regionPath
} from '$lib/domain/contest/regions';
import { regions } from '$lib/server/regions';

describe('regions: code rules', () => {
	it('reads the level from the trailing zeros', () => {
		expect(regionLevel('440000')).toBe('province');
		expect(regionLevel('440300')).toBe('city');
		expect(regionLevel('440305')).toBe('county');
	});

	it('a county rolls up to its city and province', () => {
		expect(regionPath('440305')).toEqual({
			province: '440000',
			city: '440300',
			county: '440305'
		});
	});

	it('municipalities are their own city, whichever second level a county sits under', () => {
		expect(cityOf('110105')).toBe('110100');
		expect(cityOf('120101')).toBe('120100');
		expect(cityOf('310115')).toBe('310100');
		expect(cityOf('500101')).toBe('500100'); // 重庆市 市辖区 万州区
		expect(cityOf('500229')).toBe('500100'); // 重庆市 县 城口县
		expect(provinceOf('500229')).toBe('500000');
	});

	it('a province-administered county-level city stands as its own city', () => {
		expect(regionPath('429004')).toEqual({ province: '420000', city: '429004', county: '429004' });
	});

	it('a city pick has no county level', () => {
		expect(regionPath('441900')).toEqual({ province: '440000', city: '441900', county: null });
	});

	it('knows the shape of a code', () => {
		expect(isRegionCode('110105')).toBe(true);
		expect(isRegionCode('11010')).toBe(false);
		expect(isRegionCode('11010a')).toBe(false);
	});
});

describe('regions: the GB/T 2260 tree', () => {
	it('names real codes', () => {
		expect(regions.name('110105')).toBe('朝阳区');
		expect(regions.fullName('110105')).toBe('北京市 朝阳区');
		expect(regions.fullName('440305')).toBe('广东省 深圳市 南山区');
		expect(regions.name('440000')).toBe('广东省');
		expect(regions.name('999999')).toBeNull();
	});

	it('a participant may pick a real county, or a city that has no counties', () => {
		expect(regions.isSelectable('110105')).toBe(true);
		expect(regions.isSelectable('440305')).toBe(true);
		expect(regions.isSelectable('500229')).toBe(true);
		expect(regions.isSelectable('441900')).toBe(true); // 东莞市: towns only, no counties
		expect(regions.fullName('441900')).toBe('广东省 东莞市');
	});

	it('refuses provinces, cities with counties, unknown and malformed codes', () => {
		expect(regions.isSelectable('440000')).toBe(false);
		expect(regions.isSelectable('440300')).toBe(false);
		expect(regions.isSelectable('440399')).toBe(false);
		expect(regions.isSelectable('4403')).toBe(false);
		expect(regions.isSelectable('')).toBe(false);
	});

	it('the picker tree has six-digit codes at every level and no towns', () => {
		expect(regions.tree).toHaveLength(31);
		for (const p of regions.tree) {
			expect(regionLevel(p.code)).toBe('province');
			for (const c of p.children) {
				expect(c.code.slice(0, 2) + '0000').toBe(p.code);
				for (const a of c.children) expect(isRegionCode(a.code) && cityOf(a.code)).toBeTruthy();
			}
		}
		const dongguan = regions.tree
			.find((p) => p.code === '440000')
			?.children.find((c) => c.code === '441900');
		expect(dongguan?.children).toEqual([]);
	});

	it('boards call a municipality’s city by the municipality’s name', () => {
		expect(regions.boardName('city', cityOf('500229'))).toBe('重庆市');
		expect(regions.boardName('city', '440300')).toBe('深圳市');
		expect(regions.boardName('county', '429004')).toBe('仙桃市');
		expect(regions.boardName('city', cityOf('429004'))).toBe('仙桃市');
	});
});
