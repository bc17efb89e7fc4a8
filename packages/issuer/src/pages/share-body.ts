import type { BodySchema } from '../http/request-body.ts';

/** `POST /credentials/:id/share`: turn the credential's public page on or off. */
export const SHARE_BODY: BodySchema = {
  type: 'object',
  required: ['enabled'],
  additionalProperties: false,
  properties: {
    enabled: {
      type: 'boolean',
      description: 'enabled must be true (the page can be seen by whoever has its link) or false (it cannot).',
    },
  },
};
