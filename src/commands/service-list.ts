import { defineCommand } from './define';
import { listServices } from '../api/resources';

export const serviceList = defineCommand({
  name: 'service-list',
  output: 'list',
  help: 'Print a list of magnum services.',
  async run(ctx) {
    const services = await listServices(ctx.client);
    // The one list the reference sorts: by id, numerically (print_list's default sortby_index 0, `magnumclient/v1/mservices_shell.py do_service_list`).
    ctx.render.list(services, ['id', 'host', 'binary', 'state', 'disabled', 'disabled_reason', 'created_at', 'updated_at'], {
      sortByIndex: 0,
    });
  },
});
