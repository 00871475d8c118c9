import { Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SettingsCard, type SettingsOutcome } from "../components/settings-card";
import { db } from "../lib/db.server";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { defaultPackageFormSchema, labelDefaultsFormSchema, shopProfileSchema } from "../modules/shops/schemas";
import { returnAddressSchema } from "../modules/shops/settings";
import { getShop, getShopSettings, updateShopProfile, updateShopSettings } from "../modules/shops/shops.server";

export const meta: MetaFunction = () => [{ title: "Settings · Parcel Desk" }];

const TIME_ZONES = [
  "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
  "America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "Europe/London", "UTC",
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  const [shop, settings] = await Promise.all([getShop(db(), ctx.shop.id), getShopSettings(db(), ctx.shop.id)]);
  return {
    canEdit: ctx.can("settings.edit"),
    profile: { name: shop.name, timeZone: shop.time_zone },
    returnAddress: settings.returnAddress,
    labels: settings.labels,
    defaultPackage: settings.defaultPackage,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const form = formObject(await request.formData());
  const intent = form.intent ?? "";
  const fail = (errors: Record<string, string>) =>
    data<SettingsOutcome>({ intent, ok: false, message: "Please fix the highlighted fields.", errors }, { status: 400 });
  try {
    switch (intent) {
      case "profile": {
        const parsed = shopProfileSchema.safeParse(form);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await updateShopProfile(db(), ctx.shop.id, parsed.data);
        break;
      }
      case "returnAddress": {
        const parsed = returnAddressSchema.safeParse(form);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await updateShopSettings(db(), ctx.shop.id, "returnAddress", parsed.data);
        break;
      }
      case "labels": {
        const parsed = labelDefaultsFormSchema.safeParse(form);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await updateShopSettings(db(), ctx.shop.id, "labels", parsed.data);
        break;
      }
      case "defaultPackage": {
        const parsed = defaultPackageFormSchema.safeParse(form);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await updateShopSettings(db(), ctx.shop.id, "defaultPackage", parsed.data);
        break;
      }
      default:
        return data<SettingsOutcome>({ intent, ok: false, message: "Unknown form." }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof AppError) return data<SettingsOutcome>({ intent, ok: false, message: error.message }, { status: error.status });
    throw error;
  }
  return data<SettingsOutcome>({ intent, ok: true, message: "Saved." });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export default function GeneralSettings() {
  const { canEdit, profile, returnAddress, labels, defaultPackage } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const err = (intent: string, field: string) => (outcome?.intent === intent ? outcome.errors?.[field] : undefined);
  return (
    <Stack gap="lg">
      <SettingsCard title="Shop" intent="profile" canEdit={canEdit} outcome={outcome} description="Dates, cut-off times and charts use the shop's time zone.">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput name="name" label="Shop name" defaultValue={profile.name} error={err("profile", "name")} required />
          <Select
            name="timeZone"
            label="Time zone"
            defaultValue={profile.timeZone}
            data={TIME_ZONES.includes(profile.timeZone) ? TIME_ZONES : [profile.timeZone, ...TIME_ZONES]}
            searchable
            allowDeselect={false}
            error={err("profile", "timeZone")}
          />
        </SimpleGrid>
      </SettingsCard>

      <SettingsCard title="Return address" intent="returnAddress" canEdit={canEdit} outcome={outcome} description="Printed as the ship-from address on every label.">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput name="name" label="Name" defaultValue={returnAddress.name} error={err("returnAddress", "name")} />
          <TextInput name="company" label="Company" defaultValue={returnAddress.company} error={err("returnAddress", "company")} />
          <TextInput name="address1" label="Address line 1" defaultValue={returnAddress.address1} error={err("returnAddress", "address1")} />
          <TextInput name="address2" label="Address line 2" defaultValue={returnAddress.address2} error={err("returnAddress", "address2")} />
          <TextInput name="city" label="City" defaultValue={returnAddress.city} error={err("returnAddress", "city")} />
          <Group grow>
            <TextInput name="region" label="State" defaultValue={returnAddress.region} error={err("returnAddress", "region")} />
            <TextInput name="postalCode" label="ZIP / postal code" defaultValue={returnAddress.postalCode} error={err("returnAddress", "postalCode")} />
          </Group>
          <TextInput name="country" label="Country (2 letters)" defaultValue={returnAddress.country} maxLength={2} error={err("returnAddress", "country")} />
          <TextInput name="phone" label="Phone" defaultValue={returnAddress.phone} error={err("returnAddress", "phone")} />
        </SimpleGrid>
      </SettingsCard>

      <SettingsCard title="Labels" intent="labels" canEdit={canEdit} outcome={outcome} description="Defaults for new label batches; you can change them per batch.">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            name="layout"
            label="Layout"
            defaultValue={labels.layout}
            allowDeselect={false}
            data={[
              { value: "4x6", label: "4 x 6 in (thermal or label printer)" },
              { value: "letter", label: "Letter, two labels per page (desktop printer)" },
            ]}
            error={err("labels", "layout")}
          />
          <Select
            name="format"
            label="File format"
            defaultValue={labels.format}
            allowDeselect={false}
            data={[
              { value: "pdf", label: "PDF" },
              { value: "zpl", label: "ZPL II (Zebra thermal printers)" },
            ]}
            error={err("labels", "format")}
          />
        </SimpleGrid>
        <Checkbox name="packingSlips" value="on" label="Add a packing slip after each label" defaultChecked={labels.packingSlips} />
      </SettingsCard>

      <SettingsCard title="Default package" intent="defaultPackage" canEdit={canEdit} outcome={outcome} description="Used for orders whose export has no dimensions; weight is used when an order has none.">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <NumberInput name="lengthIn" label="Length (in)" defaultValue={round1(defaultPackage.lengthMm / 25.4)} min={0} decimalScale={1} error={err("defaultPackage", "lengthIn")} />
          <NumberInput name="widthIn" label="Width (in)" defaultValue={round1(defaultPackage.widthMm / 25.4)} min={0} decimalScale={1} error={err("defaultPackage", "widthIn")} />
          <NumberInput name="heightIn" label="Height (in)" defaultValue={round1(defaultPackage.heightMm / 25.4)} min={0} decimalScale={1} error={err("defaultPackage", "heightIn")} />
          <NumberInput name="weightLb" label="Weight (lb)" defaultValue={round1(defaultPackage.weightGrams / 453.59237)} min={0} decimalScale={2} error={err("defaultPackage", "weightLb")} />
        </SimpleGrid>
      </SettingsCard>
    </Stack>
  );
}
