import { hostDetail } from '@/lib/fleet/host-detail';
import { handle, ApiError, json, requireName } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

export function GET(_request: Request, { params }: { params: Promise<{ namespace: string; name: string }> }) {
  return handle(async () => {
    const { namespace, name } = await params;
    requireName(namespace, 'namespace', true);
    requireName(name, 'name', false);
    const detail = await hostDetail(await runtime(), namespace, name);
    if (!detail) throw new ApiError(404, 'not_found', `no BareMetalHost ${namespace}/${name}`);
    return json(detail);
  });
}
