/**
 * The Azure SDK packages, loaded on first use. Each is a large module graph (0.2–0.4 s to load on
 * this machine), and the Functions worker imports every registration at cold start: resolving them
 * lazily means a cold start pays only for the kinds and features an invocation actually touches.
 * esbuild keeps a `require` inside a function lazy in the bundle, so this holds for the deployed
 * package too (bench/cold-import.ts measures it).
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * The packages loaded below. The deployment bundle keeps them external (scripts/bundle.ts): a bundle
 * that inlined them would make V8 compile ~6 MB at every cold start, lazy or not.
 */
export const LAZY_SDK_PACKAGES: readonly string[] = [
  '@azure/arm-apimanagement',
  '@azure/arm-appcontainers',
  '@azure/arm-appservice',
  '@azure/arm-cdn',
  '@azure/arm-cosmosdb',
  '@azure/arm-eventhub',
  '@azure/arm-mysql-flexible',
  '@azure/arm-postgresql-flexible',
  '@azure/arm-rediscache',
  '@azure/arm-redisenterprisecache',
  '@azure/arm-resourcegraph',
  '@azure/arm-resources',
  '@azure/arm-servicebus',
  '@azure/arm-sql',
  '@azure/arm-storage',
  '@azure/eventgrid',
  '@azure/ms-rest-js',
  '@azure/core-rest-pipeline',
  '@azure/identity',
  '@azure/data-tables',
  '@azure/storage-queue',
];

import type * as ApiManagement from '@azure/arm-apimanagement';
import type * as AppContainers from '@azure/arm-appcontainers';
import type * as AppService from '@azure/arm-appservice';
import type * as Cdn from '@azure/arm-cdn';
import type * as CosmosDb from '@azure/arm-cosmosdb';
import type * as EventHub from '@azure/arm-eventhub';
import type * as MySqlFlexible from '@azure/arm-mysql-flexible';
import type * as PostgreSqlFlexible from '@azure/arm-postgresql-flexible';
import type * as RedisCache from '@azure/arm-rediscache';
import type * as RedisEnterprise from '@azure/arm-redisenterprisecache';
import type * as ResourceGraph from '@azure/arm-resourcegraph';
import type * as Resources from '@azure/arm-resources';
import type * as ServiceBus from '@azure/arm-servicebus';
import type * as Sql from '@azure/arm-sql';
import type * as Storage from '@azure/arm-storage';
import type * as EventGrid from '@azure/eventgrid';
import type * as MsRest from '@azure/ms-rest-js';
import type * as CoreRestPipeline from '@azure/core-rest-pipeline';
import type * as Identity from '@azure/identity';
import type * as DataTables from '@azure/data-tables';
import type * as StorageQueue from '@azure/storage-queue';

export const apiManagementSdk = (): typeof ApiManagement => require('@azure/arm-apimanagement');
export const containerAppsSdk = (): typeof AppContainers => require('@azure/arm-appcontainers');
export const appServiceSdk = (): typeof AppService => require('@azure/arm-appservice');
export const cdnSdk = (): typeof Cdn => require('@azure/arm-cdn');
export const cosmosDbSdk = (): typeof CosmosDb => require('@azure/arm-cosmosdb');
export const eventHubSdk = (): typeof EventHub => require('@azure/arm-eventhub');
export const mySqlFlexibleSdk = (): typeof MySqlFlexible => require('@azure/arm-mysql-flexible');
export const postgreSqlFlexibleSdk = (): typeof PostgreSqlFlexible => require('@azure/arm-postgresql-flexible');
export const redisCacheSdk = (): typeof RedisCache => require('@azure/arm-rediscache');
export const redisEnterpriseSdk = (): typeof RedisEnterprise => require('@azure/arm-redisenterprisecache');
export const resourceGraphSdk = (): typeof ResourceGraph => require('@azure/arm-resourcegraph');
export const resourcesSdk = (): typeof Resources => require('@azure/arm-resources');
export const serviceBusSdk = (): typeof ServiceBus => require('@azure/arm-servicebus');
export const sqlSdk = (): typeof Sql => require('@azure/arm-sql');
export const storageSdk = (): typeof Storage => require('@azure/arm-storage');
export const eventGridSdk = (): typeof EventGrid => require('@azure/eventgrid');
export const msRestSdk = (): typeof MsRest => require('@azure/ms-rest-js');
export const coreRestPipeline = (): typeof CoreRestPipeline => require('@azure/core-rest-pipeline');
export const identitySdk = (): typeof Identity => require('@azure/identity');
export const dataTablesSdk = (): typeof DataTables => require('@azure/data-tables');
export const storageQueueSdk = (): typeof StorageQueue => require('@azure/storage-queue');
