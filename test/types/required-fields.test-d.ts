import type {
  AccountsUpdatedWebhook,
  ArgyleWebhookContext,
  ArgyleWebhookEventMap,
  ArgyleWebhookEventName,
  ArgyleWebhookValidation,
  VerificationsUpdatedWebhook,
} from "@argyle-webhooks/core";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { describe, expectTypeOf, it } from "vitest";

/** Events whose message has `data.account`. */
type WithAccount = {
  [E in ArgyleWebhookEventName]: "account" extends keyof ArgyleWebhookEventMap[E]["data"] ? E : never;
}[ArgyleWebhookEventName];

/** Every event with an account, listed: a missing or extra name is a compile error. */
const eventsWithAccount: { [E in WithAccount]: true } = {
  "accounts.added": true,
  "accounts.connected": true,
  "accounts.failed": true,
  "accounts.updated": true,
  "accounts.removed": true,
  "identities.added": true,
  "identities.updated": true,
  "paystubs.added": true,
  "paystubs.updated": true,
  "paystubs.partially_synced": true,
  "paystubs.fully_synced": true,
  "payroll_documents.added": true,
  "payroll_documents.updated": true,
  "gigs.added": true,
  "gigs.updated": true,
  "gigs.partially_synced": true,
  "gigs.fully_synced": true,
  "gigs.removed": true,
  "shifts.added": true,
  "shifts.updated": true,
  "shifts.partially_synced": true,
  "shifts.fully_synced": true,
  "shifts.removed": true,
  "vehicles.added": true,
  "vehicles.updated": true,
  "vehicles.removed": true,
  "ratings.added": true,
  "ratings.updated": true,
  "deposit_destinations.added": true,
  "deposit_destinations.updated": true,
  "direct_deposit_switches.completed": true,
  "direct_deposit_switches.failed": true,
  "user_forms.submitted": true,
  "user_forms.removed": true,
  "user_uploads.added": true,
  "user_uploads.removed": true,
  "user_uploads.ocr_completed": true,
  "user_uploads.ocr_authenticity": true,
  "user_uploads.ocr_failed": true,
};

describe("fields Argyle always sends are required", () => {
  it("data.account is a string, not string | undefined, in every event that has one", () => {
    expectTypeOf<ArgyleWebhookEventMap[WithAccount]["data"]["account"]>().toEqualTypeOf<string>();
    expectTypeOf(eventsWithAccount).not.toBeAny();
    // The events without an account: users, items, reports, verifications.
    expectTypeOf<Exclude<ArgyleWebhookEventName, WithAccount>>().toEqualTypeOf<
      | "users.fully_synced"
      | "items.updated"
      | "items.removed"
      | "reports.ready"
      | "reports.generated"
      | "verifications.updated"
      | "verifications.creation_failed"
    >();
  });

  it("handlers read them without `!` or a guard", () => {
    const webhooks = new ArgyleWebhooks({ secret: "s" });
    webhooks
      .onGigsPartiallySynced((event) => {
        const account: string = event.data.account;
        const days: number = event.data.days_synced;
        const from: string | null = event.data.available_from;
        return [account, days, from];
      })
      .onIdentitiesAdded((event) => {
        const identity: string = event.data.identity;
        return identity;
      })
      .onAccountsFailed((event) => {
        const code: string = event.data.error_code;
        return code;
      })
      .onDirectDepositSwitchesCompleted((event) => {
        const destination: string | null = event.data.deposit_destination;
        const changed: boolean = event.data.direct_deposit_changed;
        return [destination, changed];
      })
      .onItemsUpdated((event) => {
        const item: string = event.data.item;
        return item;
      })
      .onReportsReady((event) => {
        const user: string = event.data.user;
        return user;
      });
  });

  it("fields without evidence stay optional", () => {
    expectTypeOf<ArgyleWebhookEventMap["gigs.updated"]["data"]["updated_count"]>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<ArgyleWebhookEventMap["paystubs.updated"]["data"]["updated_paystubs"]>().toEqualTypeOf<
      string[] | undefined
    >();
    expectTypeOf<ArgyleWebhookEventMap["user_uploads.ocr_failed"]["data"]["user_upload"]>().toEqualTypeOf<
      string | undefined
    >();
  });

  it("an impossible field is a type error", () => {
    const webhooks = new ArgyleWebhooks({ secret: "s" });
    webhooks.onAccountsUpdated((event) => {
      // @ts-expect-error accounts.updated has no days_synced
      event.data.days_synced;
      // @ts-expect-error the account object has no paystubs list
      event.data.resource?.paystubs;
    });
    webhooks.onVerificationsUpdated((event) => {
      // @ts-expect-error verifications carry no account
      event.data.account;
    });
  });
});

describe("typed resources", () => {
  it("accounts.*: data.resource is the account object", () => {
    const webhooks = new ArgyleWebhooks({ secret: "s" });
    webhooks.onAccountsUpdated((event) => {
      expectTypeOf(event.data.resource?.connection.status).toEqualTypeOf<string | undefined>();
      const status: string | undefined = event.data.resource?.connection.status;
      const error: string | null | undefined = event.data.resource?.connection.error_code;
      const paystubs = event.data.resource?.availability.paystubs;
      const count: number | undefined = paystubs?.available_count;
      const refresh: string | undefined = event.data.resource?.ongoing_refresh.status;
      return [status, error, count, refresh];
    });
    for (const handler of ["onAccountsAdded", "onAccountsConnected", "onAccountsFailed"] as const) {
      webhooks[handler]((event) => {
        expectTypeOf(event.data.resource?.connection.status).toEqualTypeOf<string | undefined>();
      });
    }
    type Account = NonNullable<AccountsUpdatedWebhook["data"]["resource"]>;
    expectTypeOf<Account["employers"]>().toEqualTypeOf<string[]>();
    expectTypeOf<Account["availability"]["gigs"]>().toMatchTypeOf<{ status: string } | null | undefined>();
  });

  it("verifications.updated: data.resource is the verification object", () => {
    type Verification = NonNullable<VerificationsUpdatedWebhook["data"]["resource"]>;
    expectTypeOf<Verification["status"]["state"]>().toEqualTypeOf<string>();
    expectTypeOf<Verification["report"]["file_url"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Verification["channel"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<VerificationsUpdatedWebhook["data"]["verification"]>().toEqualTypeOf<string>();
  });
});

describe("the 7 new events", () => {
  it("each has its typed handler", () => {
    const webhooks = new ArgyleWebhooks({ secret: "s" });
    webhooks
      .onVerificationsUpdated((event) => {
        expectTypeOf(event.event).toEqualTypeOf<"verifications.updated">();
        const state: string | undefined = event.data.resource?.status.state;
        return state;
      })
      .onVerificationsCreationFailed((event) => {
        const user: string = event.data.context.user;
        const at: string | undefined = event.data.context.attempted_at;
        return [user, at];
      })
      .onUserUploadsAdded((event) => {
        const upload: string = event.data.user_upload;
        return upload;
      })
      .onUserUploadsRemoved((event) => event.data.user_upload.length)
      .onUserUploadsOcrCompleted((event) => event.data.user_upload.length)
      .onUserUploadsOcrAuthenticity((event) => event.data.account.length)
      .onUserUploadsOcrFailed((event) => event.data.account.length);
    new ArgyleWebhooks({
      secret: "s",
      handlers: {
        onVerificationsUpdated: (event) => event.data.verification,
        onUserUploadsOcrFailed: () => {},
      },
    });
  });
});

describe("warn mode context", () => {
  it("says whether the message matched its schema", () => {
    expectTypeOf<ArgyleWebhookContext["validation"]>().toEqualTypeOf<ArgyleWebhookValidation>();
    expectTypeOf<ArgyleWebhookValidation["valid"]>().toEqualTypeOf<boolean>();
  });
});
