import {
  type ArgyleWebhookContext,
  type ArgyleWebhookHandlers,
  createExpressMiddleware,
} from "@argyle-webhooks/express";
import express, { type Express } from "express";

/** One JSON line per handler call, so a person or the demo can read what arrived. */
export type LogLine = (entry: Record<string, unknown>) => void;

const logAs = (
  log: LogLine,
  handler: string,
  event: { event: string; name: string },
  context: ArgyleWebhookContext,
  fields: Record<string, unknown>,
) =>
  log({ handler, event: event.event, subscription: event.name, secretIndex: context.secretIndex, ...fields });

/** A typed handler for every one of Argyle's 46 events; each logs a field its type knows about. */
export function exampleHandlers(log: LogLine): ArgyleWebhookHandlers {
  return {
    onAccountsAdded: (e, c) => logAs(log, "onAccountsAdded", e, c, { account: e.data.account }),
    onAccountsConnected: (e, c) => logAs(log, "onAccountsConnected", e, c, { account: e.data.account }),
    onAccountsFailed: (e, c) => logAs(log, "onAccountsFailed", e, c, { error: e.data.error_code }),
    onAccountsUpdated: (e, c) => logAs(log, "onAccountsUpdated", e, c, { account: e.data.account }),
    onAccountsRemoved: (e, c) => logAs(log, "onAccountsRemoved", e, c, { account: e.data.account }),
    onIdentitiesAdded: (e, c) => logAs(log, "onIdentitiesAdded", e, c, { identity: e.data.identity }),
    onIdentitiesUpdated: (e, c) => logAs(log, "onIdentitiesUpdated", e, c, { identity: e.data.identity }),
    onPaystubsAdded: (e, c) => logAs(log, "onPaystubsAdded", e, c, { added: e.data.added_count }),
    onPaystubsUpdated: (e, c) => logAs(log, "onPaystubsUpdated", e, c, { account: e.data.account }),
    onPaystubsPartiallySynced: (e, c) =>
      logAs(log, "onPaystubsPartiallySynced", e, c, { days: e.data.days_synced }),
    onPaystubsFullySynced: (e, c) =>
      logAs(log, "onPaystubsFullySynced", e, c, { available: e.data.available_count }),
    onPayrollDocumentsAdded: (e, c) =>
      logAs(log, "onPayrollDocumentsAdded", e, c, { document: e.data.payroll_document }),
    onPayrollDocumentsUpdated: (e, c) =>
      logAs(log, "onPayrollDocumentsUpdated", e, c, { document: e.data.payroll_document }),
    onGigsAdded: (e, c) => logAs(log, "onGigsAdded", e, c, { added: e.data.added_count }),
    onGigsUpdated: (e, c) => logAs(log, "onGigsUpdated", e, c, { updated: e.data.updated_count }),
    onGigsPartiallySynced: (e, c) =>
      logAs(log, "onGigsPartiallySynced", e, c, { days: e.data.days_synced, from: e.data.available_from }),
    onGigsFullySynced: (e, c) => logAs(log, "onGigsFullySynced", e, c, { available: e.data.available_count }),
    onGigsRemoved: (e, c) => logAs(log, "onGigsRemoved", e, c, { account: e.data.account }),
    onShiftsAdded: (e, c) => logAs(log, "onShiftsAdded", e, c, { added: e.data.added_count }),
    onShiftsUpdated: (e, c) => logAs(log, "onShiftsUpdated", e, c, { account: e.data.account }),
    onShiftsPartiallySynced: (e, c) =>
      logAs(log, "onShiftsPartiallySynced", e, c, { days: e.data.days_synced }),
    onShiftsFullySynced: (e, c) =>
      logAs(log, "onShiftsFullySynced", e, c, { available: e.data.available_count }),
    onShiftsRemoved: (e, c) => logAs(log, "onShiftsRemoved", e, c, { account: e.data.account }),
    onVehiclesAdded: (e, c) => logAs(log, "onVehiclesAdded", e, c, { vehicle: e.data.vehicle }),
    onVehiclesUpdated: (e, c) => logAs(log, "onVehiclesUpdated", e, c, { vehicle: e.data.vehicle }),
    onVehiclesRemoved: (e, c) => logAs(log, "onVehiclesRemoved", e, c, { vehicle: e.data.vehicle }),
    onRatingsAdded: (e, c) => logAs(log, "onRatingsAdded", e, c, { rating: e.data.rating }),
    onRatingsUpdated: (e, c) => logAs(log, "onRatingsUpdated", e, c, { rating: e.data.rating }),
    onDepositDestinationsAdded: (e, c) =>
      logAs(log, "onDepositDestinationsAdded", e, c, { destination: e.data.deposit_destination }),
    onDepositDestinationsUpdated: (e, c) =>
      logAs(log, "onDepositDestinationsUpdated", e, c, { destination: e.data.deposit_destination }),
    onDirectDepositSwitchesCompleted: (e, c) =>
      logAs(log, "onDirectDepositSwitchesCompleted", e, c, { changed: e.data.direct_deposit_changed }),
    onDirectDepositSwitchesFailed: (e, c) =>
      logAs(log, "onDirectDepositSwitchesFailed", e, c, { error: e.data.error_code }),
    onUserFormsSubmitted: (e, c) => logAs(log, "onUserFormsSubmitted", e, c, { form: e.data.user_form }),
    onUserFormsRemoved: (e, c) => logAs(log, "onUserFormsRemoved", e, c, { form: e.data.user_form }),
    onUsersFullySynced: (e, c) =>
      logAs(log, "onUsersFullySynced", e, c, { accounts: e.data.resource?.accounts_connected?.length }),
    onItemsUpdated: (e, c) =>
      logAs(log, "onItemsUpdated", e, c, { item: e.data.item, status: e.data.status }),
    onItemsRemoved: (e, c) => logAs(log, "onItemsRemoved", e, c, { item: e.data.item }),
    onReportsReady: (e, c) => logAs(log, "onReportsReady", e, c, { user: e.data.user }),
    onReportsGenerated: (e, c) => logAs(log, "onReportsGenerated", e, c, { type: e.data.type }),
    onVerificationsUpdated: (e, c) =>
      logAs(log, "onVerificationsUpdated", e, c, { state: e.data.resource?.status.state }),
    onVerificationsCreationFailed: (e, c) =>
      logAs(log, "onVerificationsCreationFailed", e, c, { report: e.data.context.report_type }),
    onUserUploadsAdded: (e, c) => logAs(log, "onUserUploadsAdded", e, c, { upload: e.data.user_upload }),
    onUserUploadsRemoved: (e, c) => logAs(log, "onUserUploadsRemoved", e, c, { upload: e.data.user_upload }),
    onUserUploadsOcrCompleted: (e, c) =>
      logAs(log, "onUserUploadsOcrCompleted", e, c, { upload: e.data.user_upload }),
    onUserUploadsOcrAuthenticity: (e, c) =>
      logAs(log, "onUserUploadsOcrAuthenticity", e, c, { account: e.data.account }),
    onUserUploadsOcrFailed: (e, c) => logAs(log, "onUserUploadsOcrFailed", e, c, { account: e.data.account }),
    onUnknown: (e, c) => logAs(log, "onUnknown", e as { event: string; name: string }, c, {}),
    onInvalid: (e, errors) => log({ handler: "onInvalid", event: e.event, errors: errors.length }),
    onError: (error) => log({ handler: "onError", message: error.message }),
  };
}

/** The example app: Argyle's webhooks at /webhooks/argyle, a health check beside it. */
export function createApp(secret: string, log: LogLine): Express {
  const app = express();
  app.get("/health", (_req, res) => {
    res.json({ ok: true });
  });
  app.use("/webhooks/argyle", createExpressMiddleware({ secret, handlers: exampleHandlers(log) }));
  return app;
}
