import { mount } from 'svelte';
import { App } from './App.ts';
import './app.css';
import './report.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
mount(App, { target });
