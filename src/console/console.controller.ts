import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { type ConsoleAsset, loadConsoleAssets } from './console-assets.js';

/**
 * The operator console: one page and its scripts and styles. The page holds no data (the scripts
 * ask the API with the session cookie), so it is served to anyone; every path under /console that is
 * not an asset is the same page, whose script shows the screen the path names.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  private readonly assets = loadConsoleAssets();

  @Get('assets/*file')
  @Public()
  asset(@Param('file') file: string | string[], @Res() response: Response): void {
    const name = Array.isArray(file) ? file.join('/') : file;
    const asset = name === 'index.html' ? undefined : this.assets.get(name);
    if (!asset) throw new NotFoundException('no such console file');
    // Scripts and styles hold no personal data: kept by the browser and revalidated; Express answers
    // 304 itself when the request's If-None-Match is this ETag.
    response.setHeader('ETag', asset.etag);
    send(response, asset, 'no-cache');
  }

  @Get(['', '*screen'])
  @Public()
  page(@Res() response: Response): void {
    send(response, this.assets.get('index.html')!);
  }
}

/** The page is no-store like every answer of the console; its files may be kept and revalidated. */
function send(response: Response, asset: ConsoleAsset, cacheControl: 'no-store' | 'no-cache' = 'no-store'): void {
  response.setHeader('Content-Type', asset.contentType);
  response.setHeader('Cache-Control', cacheControl);
  response.send(asset.body);
}
