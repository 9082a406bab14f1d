#include <webp/encode.h>
#include <webp/mux.h>

// libwebp's initialisers are macros that pass its ABI version; Swift sees these instead.
static inline int descent_webp_config_init(WebPConfig *config) { return WebPConfigInit(config); }
static inline int descent_webp_picture_init(WebPPicture *picture) { return WebPPictureInit(picture); }
static inline int descent_webp_anim_options_init(WebPAnimEncoderOptions *options) {
    return WebPAnimEncoderOptionsInit(options);
}
static inline WebPAnimEncoder *descent_webp_anim_encoder_new(int width, int height, const WebPAnimEncoderOptions *options) {
    return WebPAnimEncoderNew(width, height, options);
}
static inline WebPMux *descent_webp_mux_create(const WebPData *data, int copy) { return WebPMuxCreate(data, copy); }
