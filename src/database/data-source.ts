import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** For the typeorm CLI: `npx typeorm migration:run -d dist/src/database/data-source.js`. */
export default new DataSource(dataSourceOptions(loadConfig()));
