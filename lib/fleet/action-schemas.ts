/** The dashboard API's request bodies, validated with zod. Limits are part of the contract. */
import { z } from 'zod';
import { HOST_ACTIONS, MAX_HOSTS_PER_REQUEST } from './action-limits';

export { DEFAULT_IMAGE, HOST_ACTIONS, MAX_HOSTS_PER_REQUEST, type HostAction } from './action-limits';

const dnsLabel = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase RFC 1123 label (letters, digits and '-')");
const dnsSubdomain = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a lowercase RFC 1123 subdomain (letters, digits, '-' and '.')");

export const HostRefSchema = z.object({ namespace: dnsLabel, name: dnsSubdomain }).strict();

export const CreateHostsSchema = z
  .object({
    count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_HOSTS_PER_REQUEST, `must be at most ${MAX_HOSTS_PER_REQUEST}`),
    namespace: dnsLabel.optional(),
    prefix: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be lowercase letters, digits and '-'")
      .optional(),
    online: z.boolean().optional(),
  })
  .strict();

export const ImageSchema = z
  .object({
    url: z
      .string()
      .max(2048)
      .refine((value) => {
        try {
          const url = new URL(value);
          return ['http:', 'https:', 'oci:', 'file:'].includes(url.protocol) && url.hostname !== '' ;
        } catch {
          return false;
        }
      }, 'must be an http, https, oci or file URL'),
    checksum: z.string().regex(/^[0-9a-fA-F]{32,128}$/, 'must be a hex digest').optional(),
    checksumType: z.enum(['md5', 'sha256', 'sha512', 'auto']).optional(),
    format: z.enum(['raw', 'qcow2', 'vdi', 'vmdk', 'live-iso']).optional(),
  })
  .strict()
  .refine((image) => image.checksum !== undefined || image.format === 'live-iso' || image.url.startsWith('oci://'), {
    message: 'checksum is required except for live-iso and oci:// images',
    path: ['checksum'],
  });


export const WhereSchema = z
  .object({
    state: z.string().min(1).max(64).regex(/^[a-z ]+$/, 'must be a provisioning state').optional(),
    namespace: dnsLabel.optional(),
    limit: z.number().int().min(1).max(MAX_HOSTS_PER_REQUEST).optional(),
  })
  .strict();

export const HostActionSchema = z
  .object({
    action: z.enum(HOST_ACTIONS),
    hosts: z.array(HostRefSchema).min(1).max(MAX_HOSTS_PER_REQUEST).optional(),
    where: WhereSchema.optional(),
    image: ImageSchema.optional(),
  })
  .strict()
  .refine((body) => (body.hosts === undefined) !== (body.where === undefined), {
    message: 'give either hosts or where, not both',
    path: ['hosts'],
  })
  .refine((body) => body.image === undefined || body.action === 'provision', { message: 'image goes with provision only', path: ['image'] });

export type CreateHostsRequest = z.infer<typeof CreateHostsSchema>;
export type HostActionRequest = z.infer<typeof HostActionSchema>;
export type Image = z.infer<typeof ImageSchema>;
