/*
 * An ALSA PCM plugin for tests: a sound device whose driver crashes.
 *
 * Opening it hands back ALSA's "null" device, as a working device would, and a moment later
 * the opening process dies of a real segmentation fault, as it would from a bug in a sound
 * library or driver. If the device's configuration names a "marker" file, the process id of
 * each opener is appended to it first, so a test can tell which process opened the device.
 *
 * Built by tests/test_sound_crash.py; named by an .asoundrc in a scratch HOME:
 *   pcm_type.crash { lib "/path/to/libalsa_crash.so" }
 *   pcm.!default { type crash  marker "/path/to/openers" }
 */
#include <alsa/asoundlib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CRASH_AFTER_US 30000

static void *crash_soon(void *unused)
{
	(void)unused;
	usleep(CRASH_AFTER_US);
	volatile int *nowhere = NULL;
	*nowhere = 1;
	return NULL;
}

static void note_opener(snd_config_t *conf)
{
	snd_config_iterator_t i, next;
	snd_config_for_each(i, next, conf) {
		snd_config_t *field = snd_config_iterator_entry(i);
		const char *id, *path;
		if (snd_config_get_id(field, &id) < 0 || strcmp(id, "marker") != 0)
			continue;
		if (snd_config_get_string(field, &path) < 0)
			return;
		FILE *out = fopen(path, "a");
		if (out != NULL) {
			fprintf(out, "%d\n", (int)getpid());
			fclose(out);
		}
	}
}

int _snd_pcm_crash_open(snd_pcm_t **pcmp, const char *name, snd_config_t *root,
			snd_config_t *conf, snd_pcm_stream_t stream, int mode)
{
	(void)name;
	(void)root;
	note_opener(conf);
	int err = snd_pcm_open(pcmp, "null", stream, mode);
	if (err < 0)
		return err;
	pthread_t crasher;
	if (pthread_create(&crasher, NULL, crash_soon, NULL) == 0)
		pthread_detach(crasher);
	return 0;
}
SND_DLSYM_BUILD_VERSION(_snd_pcm_crash_open, SND_PCM_DLSYM_VERSION);
