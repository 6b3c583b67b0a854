// Steps several end-to-end files take the same way.

/** Through the export wizard up to its delivery page, for a USB folder: every warning accepted, a
 * signing key made, USB chosen and the folder `usb` picked (the test's dialog script must hold it).
 * Returns the new key's ID as the wizard shows it. */
export async function wizardToUsb(s, usb) {
  await s.wait("[data-testid=wizard-check]");
  for (const box of await s.findAll("[data-testid=wizard-check] input[type=checkbox]")) await s.click(box);
  await s.click("[data-testid=wizard-next]");
  await s.click("[data-testid=create-key]");
  const keyId = await s.text(await s.wait("[data-testid=key-id]"));
  await s.click("[data-testid=wizard-next]");
  await s.click("[data-testid=mode-usb]");
  await s.click("[data-testid=choose-usb]");
  await s.wait("[data-testid=wizard-delivery] code.path", { text: usb });
  return keyId;
}
