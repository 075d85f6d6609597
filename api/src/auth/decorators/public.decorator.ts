import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cairn:public';

/** Opens a route to callers who are not signed in. Every other route needs a signed-in user. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
