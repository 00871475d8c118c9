// Tenancy: every row of seller data belongs to one shop, and this is the one place that scopes
// queries to it. Modules get a `ShopScope` (from the route guard, the CLI or a test) and build every
// query of a shop table through it; tests/unit/tenancy-guard.test.ts fails the build if a module
// reaches a shop table through the raw client instead.
//
// Joins stay inside the shop by joining on (shop_id, id) pairs; the composite foreign keys in the
// schema make a cross-shop child row impossible to store in the first place.
import type {
  DeleteQueryBuilder,
  DeleteResult,
  Insertable,
  InsertQueryBuilder,
  InsertResult,
  SelectQueryBuilder,
  UpdateQueryBuilder,
  UpdateResult,
} from "kysely";
import { sql } from "kysely";
import type { Database, ShopTable } from "../../db/types";
import type { Queryable } from "./db.server";

type WithAlias<T extends ShopTable, A extends string> = Database & { [K in A]: Database[T] };
type NewRow<T extends ShopTable> = Omit<Insertable<Database[T]>, "shop_id">;

export interface ShopScope {
  readonly shopId: number;
  /** The underlying client, for tables that are not seller data (users, shops) and for sequences. */
  readonly db: Queryable;
  selectFrom<T extends ShopTable>(table: T): SelectQueryBuilder<Database, T, {}>;
  selectFrom<T extends ShopTable, A extends string>(table: `${T} as ${A}`): SelectQueryBuilder<WithAlias<T, A>, A, {}>;
  updateTable<T extends ShopTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult>;
  deleteFrom<T extends ShopTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult>;
  /** Inserts rows into a shop table, stamping each with this shop's id. */
  insertInto<T extends ShopTable>(table: T, rows: NewRow<T> | NewRow<T>[]): InsertQueryBuilder<Database, T, InsertResult>;
  /** Runs `fn` in one transaction with a scope bound to it (nested calls join the outer one). */
  transaction<R>(fn: (scope: ShopScope) => Promise<R>): Promise<R>;
}

export function forShop(db: Queryable, shopId: number): ShopScope {
  if (!Number.isSafeInteger(shopId) || shopId <= 0) throw new Error(`forShop: invalid shop id ${shopId}`);
  const scope: ShopScope = {
    shopId,
    db,
    selectFrom(table: string) {
      const alias = table.includes(" as ") ? table.split(" as ")[1].trim() : table;
      // The cast is the price of one generic helper over every table; the overloads above keep
      // callers fully typed.
      return (db.selectFrom(table as ShopTable) as any).where(sql.ref(`${alias}.shop_id`), "=", shopId);
    },
    updateTable(table) {
      return (db.updateTable(table) as any).where(sql.ref(`${table}.shop_id`), "=", shopId);
    },
    deleteFrom(table) {
      return (db.deleteFrom(table) as any).where(sql.ref(`${table}.shop_id`), "=", shopId);
    },
    insertInto(table, rows) {
      const list = (Array.isArray(rows) ? rows : [rows]).map((row) => ({ ...row, shop_id: shopId }));
      return db.insertInto(table).values(list as any);
    },
    transaction(fn) {
      if (db.isTransaction) return fn(scope);
      return db.transaction().execute((trx) => fn(forShop(trx, shopId)));
    },
  } as ShopScope;
  return scope;
}
