'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateHostsRequest, HostActionRequest, JobStartedResponse, JobView } from '@/lib/api/contract';
import { keys, sendJson } from '@/lib/client/queries';

function rememberJob(qc: ReturnType<typeof useQueryClient>, job: JobView) {
  qc.setQueryData<JobView[]>(keys.jobs, (old = []) => (old.some((j) => j.id === job.id) ? old : [job, ...old]));
}

export function useCreateHosts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateHostsRequest) => sendJson<JobStartedResponse>('/api/hosts', request),
    onSuccess: ({ job }) => rememberJob(qc, job),
  });
}

export function useHostAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (request: HostActionRequest) => sendJson<JobStartedResponse>('/api/hosts/actions', request),
    onSuccess: ({ job }) => rememberJob(qc, job),
  });
}
