import { createTheme } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "indigo",
  // indigo.6 on white is below WCAG AA for text (4.3:1); shade 7 passes (5.0:1).
  primaryShade: { light: 7, dark: 6 },
  defaultRadius: "md",
  fontFamily:
    "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
  headings: { fontWeight: "650" },
  components: {
    Table: { defaultProps: { verticalSpacing: "xs", highlightOnHover: true } },
    Badge: { defaultProps: { radius: "sm" } },
  },
});
