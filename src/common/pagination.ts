import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DomainError } from './domain-error.js';

export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: `Page size, 1..${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 50;

  @Field({ nullable: true, description: 'endCursor of the previous page' })
  @IsOptional()
  @IsString()
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** Keyset cursors over the integer primary key: stable under inserts, no OFFSET scans. */
export function encodeCursor(id: number): string {
  return Buffer.from(`id:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  // many clients send `after: null` for the first page
  if (cursor === undefined || cursor === null) return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^id:(\d{1,10})$/.exec(decoded);
  if (!match || Number(match[1]) > 2_147_483_647) throw DomainError.invalid([{ field: 'after', reason: 'is not a cursor returned by this API' }]);
  return Number(match[1]);
}

/** Builds the page from rows fetched with LIMIT first + 1. */
export function toPage<T, R extends { id: number }>(rows: R[], first: number, totalCount: number, map: (row: R) => T): Page<T> {
  const hasNextPage = rows.length > first;
  const pageRows = hasNextPage ? rows.slice(0, first) : rows;
  const last = pageRows.at(-1);
  return {
    nodes: pageRows.map(map),
    totalCount,
    pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last.id) : null },
  };
}

export function Paginated<T>(classRef: Type<T>): Type<Page<T>> {
  @ObjectType({ isAbstract: true })
  abstract class PaginatedType implements Page<T> {
    @Field(() => [classRef]) nodes: T[];
    @Field(() => Int) totalCount: number;
    @Field(() => PageInfo) pageInfo: PageInfo;
  }
  return PaginatedType as unknown as Type<Page<T>>;
}
